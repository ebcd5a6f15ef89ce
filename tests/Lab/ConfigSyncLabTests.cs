using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Config sync between two failoverd with a real sshd on the backup: the master pushes its tree once the takeover
/// settled and on demand, a dry run lists the change without applying it, the backup never pushes, and a push that
/// cannot connect is reported in status, the log and a mail. Both namespaces share one filesystem, so each node has
/// its own root under the lab's work directory and the master's sync maps its paths onto the peer's with dest:, as a
/// site would whose peer keeps the same files elsewhere.
/// </summary>
public sealed class ConfigSyncLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    private static LabGroup Group(byte advskew, string from, string to, string postCommandMarker) => new()
    {
        AdvSkew = advskew,
        Sync = $"{{ paths: [{{ path: {from}/etc/bind/, dest: {to}/etc/bind/ }}], every: 1h, after_takeover: 2s, exclude: [\"*.jnl\"], "
            + $"post_command: [sh, -c, \"echo checked >> {postCommandMarker}\"], timeout: 20s }}",
    };

    private static FailoverdNode Start(NetLab lab, LabNode node, LabGroup group, string peerName, string peerAddress, SshServer keys, string extra = "") =>
        FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"peer: {{ node: {peerName}, address: {peerAddress}, interval: 300ms, silence: 1500ms }}\n"
            + $"ssh: {{ identity: {keys.ClientKey}, known_hosts: {keys.KnownHosts}, connect_timeout: 3s, command_timeout: 10s }}\n"
            + extra);

    private static JsonElement Sync(FailoverdNode node)
    {
        using var status = node.Status();
        return status.RootElement.GetProperty("groups")[0].GetProperty("sync").Clone();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LabFact]
    public async Task The_master_pushes_after_takeover_and_on_demand_the_backup_never_and_failures_are_reported()
    {
        await using var lab = new NetLab(output.WriteLine) { ExecTimeout = TimeSpan.FromSeconds(60) };
        var sink = await SmtpSink.Start(lab, lab.AddNode("mx", "192.0.2.25/24"));
        var root1 = Path.Combine(lab.WorkDirectory, "n1-root");
        var root2 = Path.Combine(lab.WorkDirectory, "n2-root");
        Directory.CreateDirectory(Path.Combine(root1, "etc/bind/zones"));
        Directory.CreateDirectory(root2);
        File.WriteAllText(Path.Combine(root1, "etc/bind/named.conf"), "options { version \"v1\"; };\n");
        File.WriteAllText(Path.Combine(root1, "etc/bind/zones/db.example.test"), "$TTL 300\n");
        File.WriteAllText(Path.Combine(root1, "etc/bind/zones/db.example.test.jnl"), "journal\n");
        var post2 = Path.Combine(root2, "post-command-ran");
        var post1 = Path.Combine(root1, "post-command-ran");

        var node1 = lab.AddNode("n1", "192.0.2.1/24");
        var node2 = lab.AddNode("n2", "192.0.2.2/24");
        var sshd = await SshServer.Start(lab, node2);
        var n1 = Start(lab, node1, Group(0, root1, root2, post2), "n2", "192.0.2.2", sshd,
            $"mail: {{ relay: \"{sink.Endpoint}\", tls: none, from: failover@example.test, to: [ops@example.test] }}\n");
        await n1.WaitForState(CarpState.Master, Election);
        // n2's own sync points back at n1, which runs no sshd: were n2 ever to push, it would fail loudly.
        var n2 = Start(lab, node2, Group(50, root2, root1, post1), "n1", "192.0.2.1", sshd);
        await n2.WaitForState(CarpState.Backup, Election);

        // after_takeover: the tree lands under n2's root, the journal excluded, the post_command run on the peer.
        var pushed = await n1.Process.WaitForLine(l => l.Contains("sync web: pushed"), "the after_takeover push", TimeSpan.FromSeconds(30));
        output.WriteLine(pushed.Text);
        Assert.Contains("(after_takeover)", pushed.Text);
        Assert.Equal("options { version \"v1\"; };\n", File.ReadAllText(Path.Combine(root2, "etc/bind/named.conf")));
        Assert.Equal("$TTL 300\n", File.ReadAllText(Path.Combine(root2, "etc/bind/zones/db.example.test")));
        Assert.False(File.Exists(Path.Combine(root2, "etc/bind/zones/db.example.test.jnl")));
        await Poll.Until(() => File.Exists(post2), TimeSpan.FromSeconds(10), "post_command ran on n2");
        var first = Sync(n1);
        output.WriteLine(first.ToString());
        Assert.Equal(("ok", "after_takeover", "root@192.0.2.2"), (Text(first, "result"), Text(first, "reason"), Text(first, "target")));
        Assert.Equal(4, first.GetProperty("changes").GetInt32()); // named.conf, zones/, zones/db.example.test, and ./ (its times)
        Assert.Contains("sync         to root@192.0.2.2: last ok", n1.Ctl("status").StdOut);

        // A change on the backup is not pushed back, and the backup refuses to push on demand.
        File.WriteAllText(Path.Combine(root2, "etc/bind/named.conf"), "options { version \"edited-on-backup\"; };\n");
        var refused = n2.Ctl("sync", "web");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("web: this node is BACKUP: only the master pushes", refused.StdErr);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal("options { version \"v1\"; };\n", File.ReadAllText(Path.Combine(root1, "etc/bind/named.conf")));
        Assert.False(File.Exists(post1));
        var backupSync = Sync(n2);
        Assert.Equal((null, null), (Text(backupSync, "result"), Text(backupSync, "next_at")));
        Assert.DoesNotContain(n2.Process.Lines, l => l.Text.Contains("sync web: pushed") || l.Text.Contains("sync web: push to"));

        // A dry run lists the pending change on the master and changes nothing.
        File.WriteAllText(Path.Combine(root1, "etc/bind/zones/db.new.test"), "$TTL 60\n");
        var dry = n1.Ctl("sync", "web", "--dry-run");
        output.WriteLine(dry.StdOut + dry.StdErr);
        Assert.Equal(0, dry.ExitCode);
        Assert.StartsWith("web: dry run: ", dry.StdOut);
        Assert.Contains("to push to root@192.0.2.2 (nothing was changed)", dry.StdOut);
        Assert.Contains($"  {root1}/etc/bind/ -> 192.0.2.2:{root2}/etc/bind/", dry.StdOut);
        Assert.Contains("<f+++++++++ zones/db.new.test", dry.StdOut);
        Assert.Contains("<f.st...... named.conf", dry.StdOut); // the backup's edit is overwritten by the next push
        Assert.False(File.Exists(Path.Combine(root2, "etc/bind/zones/db.new.test")));
        Assert.Equal("after_takeover", Text(Sync(n1), "reason"));

        // On demand: the master's tree wins on the peer.
        var push = n1.Ctl("sync", "web");
        output.WriteLine(push.StdOut + push.StdErr);
        Assert.Equal(0, push.ExitCode);
        Assert.StartsWith("web: pushed ", push.StdOut);
        Assert.Contains("post_command on root@192.0.2.2: exit 0", push.StdOut);
        Assert.Equal("$TTL 60\n", File.ReadAllText(Path.Combine(root2, "etc/bind/zones/db.new.test")));
        Assert.Equal("options { version \"v1\"; };\n", File.ReadAllText(Path.Combine(root2, "etc/bind/named.conf")));
        Assert.Equal(2, File.ReadAllLines(post2).Length);
        Assert.Equal(("ok", "on_demand"), (Text(Sync(n1), "result"), Text(Sync(n1), "reason")));

        // sshd down: the push fails, and status, the log and a mail say why.
        await sshd.Stop();
        File.WriteAllText(Path.Combine(root1, "etc/bind/named.conf"), "options { version \"v2\"; };\n");
        var failed = n1.Ctl("sync", "web");
        output.WriteLine(failed.StdOut + failed.StdErr);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("web: sync to root@192.0.2.2 failed", failed.StdErr);
        Assert.Contains("Connection refused", failed.StdErr);
        var state = Sync(n1);
        Assert.Equal("failed", Text(state, "result"));
        Assert.Contains("Connection refused", Text(state, "error"));
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("sync web: push to root@192.0.2.2 failed (on_demand)") && l.Text.Contains("Connection refused"));
        Assert.Contains("sync         to root@192.0.2.2: last failed", n1.Ctl("status").StdOut);
        var mail = await sink.WaitFor("web: config sync to root@192.0.2.2 failed (n1)", TimeSpan.FromSeconds(30));
        output.WriteLine(mail);
        Assert.Contains("Connection refused", mail);
        Assert.Equal("options { version \"v1\"; };\n", File.ReadAllText(Path.Combine(root2, "etc/bind/named.conf")));
    }

    [LabFact]
    public async Task Leaving_master_kills_a_push_in_progress_without_delaying_the_handover()
    {
        await using var lab = new NetLab(output.WriteLine) { ExecTimeout = TimeSpan.FromSeconds(30) };
        var source = Path.Combine(lab.WorkDirectory, "n1-root/etc");
        var dest = Path.Combine(lab.WorkDirectory, "n2-root/etc");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "named.conf"), "v1\n");
        var node1 = lab.AddNode("n1", "192.0.2.1/24");
        var sshd = await SshServer.Start(lab, lab.AddNode("n2", "192.0.2.2/24"));
        // A post_command that hangs: the push is still running when the node is told to leave MASTER.
        var group = new LabGroup { Sync = $"{{ paths: [{{ path: {source}/, dest: {dest}/ }}], after_takeover: 10s, post_command: [sleep, \"40\"], timeout: 60s }}" };
        var n1 = FailoverdNode.Start(lab, node1, group, (socket, state) => FailoverdConfig.Render(node1.Name, socket, state, group)
            + $"ssh: {{ host: 192.0.2.2, identity: {sshd.ClientKey}, known_hosts: {sshd.KnownHosts} }}\n");
        await n1.WaitForState(CarpState.Master, Election);
        await Poll.Until(() => File.Exists(Path.Combine(dest, "named.conf")) && Sync(n1).GetProperty("running").GetBoolean(),
            TimeSpan.FromSeconds(30), "the push copied the file and runs its post_command");

        var release = n1.Ctl("release", "web");
        Assert.Equal(0, release.ExitCode);
        await n1.WaitForState(CarpState.Backup, TimeSpan.FromSeconds(5));
        await n1.Process.WaitForLine(l => l.Contains("sync web: push cancelled: this node left MASTER"), "the push cancelled", TimeSpan.FromSeconds(5));
        var state = Sync(n1);
        output.WriteLine(state.ToString());
        Assert.Equal(("cancelled", false), (Text(state, "result"), state.GetProperty("running").GetBoolean()));
        Assert.DoesNotContain(NamespaceProcess.In(node1), p => p.CommandLine.StartsWith("ssh ", StringComparison.Ordinal));
        Assert.Contains("only the master pushes", n1.Ctl("sync", "web", "--dry-run").StdErr);
    }
}
