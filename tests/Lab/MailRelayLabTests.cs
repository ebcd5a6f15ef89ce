using System.Text.Json;
using System.Text.RegularExpressions;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Alert mail against a real relay (aiosmtpd in its own node) that insists on STARTTLS and AUTH, and what a node does
/// when it cannot trust the relay or log on to it; a probe flapping on the master is digested, not a storm.
/// </summary>
public sealed class MailRelayLabTests(ITestOutputHelper output)
{
    private const string User = "alice";
    private const string Password = "s3cret";
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [LabFact]
    public async Task A_takeover_mail_goes_through_starttls_and_auth_and_a_wrong_ca_pin_or_password_keeps_it_spooled_with_the_error_in_status()
    {
        await using var lab = new NetLab(output.WriteLine);
        var mx = lab.AddNode("mx", "192.0.2.25/24");
        var relayCa = RelayCertificates.Create(lab, "relay-ca", mx.Address);
        var otherCa = RelayCertificates.Create(lab, "other-ca", mx.Address);
        var sink = await SmtpSink.Start(lab, mx, tls: relayCa, user: User, password: Password);
        var passwordFile = PasswordFile(lab, "relay.pw", Password);
        var wrongPasswordFile = PasswordFile(lab, "wrong.pw", "guessed");

        // Four nodes, each alone in its own group (so each takes over at once and mails it), each with other mail settings.
        var good = Start(lab, "n1", 1, $"tls: starttls, ca_file: {relayCa.CaFile}, user: {User}, password_file: {passwordFile}", sink);
        var wrongCa = Start(lab, "n2", 2, $"tls: starttls, ca_file: {otherCa.CaFile}, user: {User}, password_file: {passwordFile}", sink);
        var wrongPin = Start(lab, "n3", 3, $"tls: starttls, pin_sha256: \"{otherCa.RelaySha256}\", user: {User}, password_file: {passwordFile}", sink);
        var wrongPassword = Start(lab, "n4", 4, $"tls: starttls, ca_file: {relayCa.CaFile}, user: {User}, password_file: {wrongPasswordFile}", sink);
        foreach (var node in new[] { good, wrongCa, wrongPin, wrongPassword })
            await node.WaitForState(CarpState.Master, Election);

        var takeover = await sink.WaitFor("web1: n1 took over (MASTER)", MailWait);
        output.WriteLine(takeover);
        Assert.Contains("X-Sink-Tls: yes\n", takeover);
        Assert.Contains($"X-Sink-Auth: PLAIN:{User}\n", takeover);
        Assert.Contains("X-Sink-To: ops@example.test\n", takeover);
        Assert.Contains("What:  n1 became MASTER of web1 and holds its VIPs", takeover);
        await Poll.Until(() => Mail(good) is { Spooled: 0, Error: null }, TimeSpan.FromSeconds(10), "n1's spool empty, no error");

        // The others' takeover mails wait in their spools, each with the reason the relay was not used.
        await Poll.Until(() => Mail(wrongCa) is { Spooled: >= 1, Error: not null } && Mail(wrongPin) is { Spooled: >= 1, Error: not null }
                && Mail(wrongPassword) is { Spooled: >= 1, Error: not null }, MailWait, "n2, n3 and n4 spool their mail with an error");
        foreach (var node in new[] { wrongCa, wrongPin, wrongPassword })
            output.WriteLine($"{node.Node.Name}: {Mail(node)}");
        Assert.Matches(@"^relay 192\.0\.2\.25:2525: TLS handshake failed: certificate not signed by the configured CA", Mail(wrongCa)!.Value.Error);
        Assert.Matches($@"^relay 192\.0\.2\.25:2525: TLS handshake failed: certificate SHA-256 {relayCa.RelaySha256} is not the pinned one", Mail(wrongPin)!.Value.Error);
        Assert.Matches($@"^relay 192\.0\.2\.25:2525 refused AUTH (PLAIN|LOGIN) as {User}: 535", Mail(wrongPassword)!.Value.Error);
        var text = wrongCa.Ctl("status");
        output.WriteLine(text.StdOut);
        Assert.Matches(@"(?m)^mail 192\.0\.2\.25:2525: [1-9]\d* spooled$", text.StdOut);
        Assert.Matches(@"(?m)^  last error at \d\d:\d\d:\d\d: relay 192\.0\.2\.25:2525: TLS handshake failed: certificate not signed by the configured CA.*, next try \d\d:\d\d:\d\d$", text.StdOut);
        Assert.Matches(@"(?m)^  last error at .*is not the pinned one", wrongPin.Ctl("status").StdOut);

        // Nothing from them reached the sink; the only mail there is n1's (a start in MASTER is one takeover mail).
        Assert.Equal(["Subject: [failover] web1: n1 took over (MASTER)"], sink.Messages().Select(SmtpSink.SubjectOf));
    }

    [LabFact]
    public async Task A_probe_flapping_on_the_master_is_mailed_once_each_way_then_one_digest_each_way_naming_every_flap()
    {
        const int Flaps = 4;
        await using var lab = new NetLab(output.WriteLine);
        var mx = lab.AddNode("mx", "192.0.2.25/24");
        var sink = await SmtpSink.Start(lab, mx);
        var healthy = lab.WriteFile("svc-healthy", "");
        var node = lab.AddNode("n1", "192.0.2.1/24");
        var group = new LabGroup
        {
            Monitors = [$"{{ name: svc, exec: {{ argv: [/bin/sh, -c, \"test -e {healthy} || exit 2\"] }}, interval: 300ms, timeout: 3s, fall: 1, rise: 1 }}"],
        };
        var n1 = FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"mail: {{ relay: \"{sink.Endpoint}\", tls: none, from: failover@example.test, to: [ops@example.test], digest_window: 30s }}\n");
        await n1.WaitForState(CarpState.Master, Election);
        await sink.WaitFor("web: n1 took over (MASTER)", MailWait);
        await Poll.Until(() => ProbeSnapshot.Of(n1, "svc").Health == "UP", Election, "svc UP");

        // Four flaps, 2 s apart each way (the probe runs every 300 ms, so each is seen), all inside the 30 s window.
        var mark = n1.Process.LineCount;
        var flapsStarted = DateTimeOffset.UtcNow;
        for (var i = 0; i < Flaps; i++)
        {
            File.Delete(healthy);
            await ProbeChange.WaitFor(n1, "svc", "DOWN", TimeSpan.FromSeconds(10), mark);
            mark = n1.Process.LineCount;
            await Task.Delay(TimeSpan.FromSeconds(1));
            File.WriteAllText(healthy, "");
            await ProbeChange.WaitFor(n1, "svc", "UP", TimeSpan.FromSeconds(10), mark);
            mark = n1.Process.LineCount;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var flapped = DateTimeOffset.UtcNow - flapsStarted;
        output.WriteLine($"{Flaps} flaps in {flapped.TotalSeconds:0.0} s");
        Assert.True(flapped < TimeSpan.FromSeconds(28), $"the flaps took {flapped.TotalSeconds:0.0} s, longer than the digest window: the test proves nothing");
        Assert.Equal(Flaps * 2, ProbeChange.All(n1, "svc").Count(c => c.To is "DOWN" or "UP" && c.From is "DOWN" or "UP"));

        // While the window is open only the first mail of each direction is out.
        var down = "web: probe svc DOWN on master n1";
        var up = "web: probe svc UP on master n1";
        Assert.Single(sink.WithSubject(down));
        Assert.Single(sink.WithSubject(up));

        // When the window ends: one digest per direction, naming the 3 later flaps, and nothing more after it.
        var downDigest = await sink.WaitFor($"{down} ({Flaps - 1} events in 30 s)", TimeSpan.FromSeconds(45));
        var upDigest = await sink.WaitFor($"{up} ({Flaps - 1} events in 30 s)", TimeSpan.FromSeconds(15));
        output.WriteLine(downDigest);
        foreach (var digest in new[] { downDigest, upDigest })
        {
            Assert.Contains($"{Flaps - 1} events in 30 s (", digest);
            Assert.Contains("folded into one mail; at most one mail per 30 s for", digest);
            Assert.Equal(Flaps - 1, Regex.Matches(digest, @"(?m)^  \d\d:\d\d:\d\d  What:  probe svc \(exec\) (UP -> DOWN|DOWN -> UP) while this node is MASTER$").Count);
            Assert.Contains("The last event in full:", digest);
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        var subjects = sink.Messages().Select(SmtpSink.SubjectOf).ToArray();
        output.WriteLine(string.Join('\n', subjects));
        Assert.Equal(5, subjects.Length); // takeover, first DOWN, first UP, two digests: not one mail per flap
        Assert.Equal(2, subjects.Count(s => s.Contains(down, StringComparison.Ordinal)));
        Assert.Equal(2, subjects.Count(s => s.Contains(up, StringComparison.Ordinal)));
    }

    private static FailoverdNode Start(NetLab lab, string name, int index, string tls, SmtpSink sink)
    {
        var node = lab.AddNode(name, $"192.0.2.{index}/24");
        var group = new LabGroup { Name = $"web{index}", Vhid = (byte)(40 + index), Vips = [$"192.0.2.{100 + index}/24"] };
        return FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"mail: {{ relay: \"{sink.Endpoint}\", {tls}, from: failover@example.test, to: [ops@example.test] }}\n");
    }

    private static string PasswordFile(NetLab lab, string name, string password)
    {
        var path = lab.WriteFile(name, password + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static (int Spooled, string? Error)? Mail(FailoverdNode node)
    {
        using var status = node.Status();
        return status.RootElement.TryGetProperty("mail", out var mail)
            ? (mail.GetProperty("spooled").GetInt32(), mail.TryGetProperty("last_error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)
            : null;
    }
}
