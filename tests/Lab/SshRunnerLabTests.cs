using System.Diagnostics;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// failoverd's remote commands against a real sshd in the peer's node, through <c>failoverd --remote</c> (the same
/// SshRunner the daemon uses, run inside n1's namespace): words arrive as written, exit status and stderr come back,
/// an unknown host key is refused, and the command timeout kills ssh.
/// </summary>
public sealed class SshRunnerLabTests(ITestOutputHelper output)
{
    private static string Config(string key, string knownHosts, string timeout = "30s") => $$"""
        node: { name: n1 }
        groups:
          - { name: web, vhid: 42, interface: eth0, password: secret, vips: [192.0.2.100/24] }
        ssh: { host: 192.0.2.2, identity: {{key}}, known_hosts: {{knownHosts}}, connect_timeout: 5s, command_timeout: {{timeout}} }
        """ + "\n";

    private static ExecResult Remote(NetLab lab, LabNode node, string config, params string[] argv) =>
        lab.Exec(node, [BuildOutput.Find("failoverd", "src/Daemon", "FAILOVERD"), "--remote", config, "--", .. argv]);

    [LabFact]
    public async Task Words_exit_status_and_stderr_survive_a_wrong_host_key_is_refused_and_the_timeout_kills_ssh()
    {
        await using var lab = new NetLab(output.WriteLine) { ExecTimeout = TimeSpan.FromSeconds(30) };
        var n1 = lab.AddNode("n1", "192.0.2.1/24");
        var n2 = lab.AddNode("n2", "192.0.2.2/24");
        var sshd = await SshServer.Start(lab, n2);
        var config = lab.WriteFile("n1.yaml", Config(sshd.ClientKey, sshd.KnownHosts));

        // Every word reaches the remote printf as one argument, unexpanded.
        string[] words = ["a b", "it's", "$HOME", "\"q\"", ";", "`id`", "*", "", "tab\there", "-n"];
        var printed = Remote(lab, n1, config, ["printf", "[%s]\\n", .. words]);
        output.WriteLine(printed.StdErr);
        Assert.Equal(0, printed.ExitCode);
        Assert.Equal(string.Concat(words.Select(w => $"[{w}]\n")), printed.StdOut);

        // The remote command's status and stderr come back as they were.
        var failed = Remote(lab, n1, config, "sh", "-c", "echo to-out; echo to-err >&2; exit 3");
        Assert.Equal((3, "to-out\n"), (failed.ExitCode, failed.StdOut));
        Assert.Contains("to-err", failed.StdErr);

        // Another host key under n2's address: StrictHostKeyChecking refuses the connection, nothing runs.
        var marker = Path.Combine(lab.WorkDirectory, "ran-despite-wrong-key");
        var otherKey = Path.Combine(lab.WorkDirectory, "other_host_key");
        Command.RunChecked("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey], TimeSpan.FromSeconds(20));
        var otherPublic = File.ReadAllText(otherKey + ".pub").Split(' ');
        var wrongKnownHosts = lab.WriteFile("wrong_known_hosts", $"192.0.2.2 {otherPublic[0]} {otherPublic[1]}\n");
        var refused = Remote(lab, n1, lab.WriteFile("n1-wrong.yaml", Config(sshd.ClientKey, wrongKnownHosts)), "touch", marker);
        output.WriteLine(refused.StdErr);
        Assert.Equal(255, refused.ExitCode);
        Assert.Contains("Host key verification failed", refused.StdErr);
        Assert.False(File.Exists(marker));

        // command_timeout 3s: ssh is killed, failoverd says so and exits 124 well before the remote sleep ends.
        var timed = lab.WriteFile("n1-timeout.yaml", Config(sshd.ClientKey, sshd.KnownHosts, timeout: "3s"));
        var clock = Stopwatch.StartNew();
        var slow = Remote(lab, n1, timed, "sleep", "25");
        clock.Stop();
        output.WriteLine($"{slow.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s: {slow.StdErr}");
        Assert.Equal(124, slow.ExitCode);
        Assert.Contains("timed out after 3 s", slow.StdErr);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(NamespaceProcess.In(n1), p => p.CommandLine.StartsWith("ssh ", StringComparison.Ordinal));
    }
}
