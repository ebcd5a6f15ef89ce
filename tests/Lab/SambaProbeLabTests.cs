using System.Diagnostics;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// failoverd's samba monitor (NEGOTIATE every run, share check with smbclient) against a real smbd on
/// another lab node: healthy, frozen, stopped, back, and the share errors an admin must be told apart.
/// </summary>
public sealed class SambaProbeLabTests(ITestOutputHelper output)
{
    private const string Smbd = "192.0.2.2";
    private const int Rise = 2;
    private const int Fall = 3;

    /// <summary>Runs a new check every 500 ms; the probe's own deadline is 90 % of the 5 s timeout.</summary>
    private static string Monitor(string name, string share) =>
        $"{{ name: {name}, samba: {{ server: {Smbd}, share: {share} }}, interval: 500ms, timeout: 5s, rise: {Rise}, fall: {Fall} }}";

    [LabFact]
    public async Task A_share_check_follows_smbd_frozen_stopped_and_back()
    {
        await using var lab = new NetLab(output.WriteLine);
        var smbd = await SmbdServer.Start(lab, lab.AddNode("smb", $"{Smbd}/24"));
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors = [Monitor("share", $"{{ name: data, path: probe.txt, every: 3, auth_file: {smbd.Files.AuthFile} }}")],
        });
        var read = $"read probe.txt ({SmbdFiles.FileContent.Length} bytes) from share data on {Smbd} as root";

        // The first run checks the share, and the first result settles an UNKNOWN probe.
        var up = await Transition(n1, "UNKNOWN -> UP", 0, TimeSpan.FromSeconds(30));
        Assert.Matches($@"UNKNOWN -> UP: SMB2 dialect [\d.]+ from {Smbd}:445; {Escape(read)}$", up);

        // Frozen: the kernel still accepts, nobody answers; each run waits out its deadline, status does not.
        var mark = n1.Process.LineCount;
        smbd.Freeze();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1)); // a run is now hanging on the frozen smbd
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                _ = Look(n1, "share");
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"failoverctl status took {watch.Elapsed} while a probe hung");
            }

            var down = await Transition(n1, "UP -> DOWN", mark, TimeSpan.FromSeconds(40));
            Assert.EndsWith($"UP -> DOWN: {Fall} failures in a row, last: no answer from {Smbd}:445 within 4.5 s", down);
            Assert.True(Look(n1, "share").Failures >= Fall);
        }
        finally
        {
            smbd.Thaw();
        }

        mark = n1.Process.LineCount;
        await Transition(n1, "DOWN -> UP", mark, TimeSpan.FromSeconds(30));

        // Stopped: refused at once, DOWN only after `fall` failed runs.
        mark = n1.Process.LineCount;
        await smbd.Stop();
        var looks = await Watch(n1, l => l.Health == "DOWN", "share DOWN after smbd stopped");
        Assert.All(looks.Where(l => l.Health == "UP"), l => Assert.True(l.Failures < Fall, $"UP with {l.Failures} failures"));
        Assert.True(looks[^1].Failures >= Fall, $"DOWN after {looks[^1].Failures} failures");
        Assert.Equal($"connection refused by {Smbd}:445", looks[^1].Reason);
        Assert.EndsWith($"UP -> DOWN: {Fall} failures in a row, last: connection refused by {Smbd}:445",
            await Transition(n1, "UP -> DOWN", mark, TimeSpan.FromSeconds(5)));

        // Back: the first good run checks the share again, UP after `rise` good runs.
        mark = n1.Process.LineCount;
        await smbd.Start();
        looks = await Watch(n1, l => l.Health == "UP", "share UP after smbd started again");
        Assert.All(looks.Where(l => l.Health == "DOWN"), l => Assert.True(l.Successes < Rise, $"DOWN with {l.Successes} successes"));
        Assert.True(looks[^1].Successes >= Rise, $"UP after {looks[^1].Successes} successes");
        var back = await Transition(n1, "DOWN -> UP", mark, TimeSpan.FromSeconds(5));
        Assert.Contains($"DOWN -> UP: {Rise} successes in a row, last: SMB2 dialect", back);
        Assert.EndsWith(read, back);
    }

    [LabFact]
    public async Task Share_errors_are_down_with_a_reason_an_admin_can_act_on()
    {
        await using var lab = new NetLab(output.WriteLine);
        var smbd = await SmbdServer.Start(lab, lab.AddNode("smb", $"{Smbd}/24"));
        var auth = smbd.Files.AuthFile;
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors =
            [
                Monitor("good", $"{{ name: data, auth_file: {auth} }}"),
                Monitor("noshare", $"{{ name: nosuch, auth_file: {auth} }}"),
                Monitor("badpass", $"{{ name: data, auth_file: {smbd.Files.WrongAuthFile} }}"),
                Monitor("nofile", $"{{ name: data, path: nosuch.txt, auth_file: {auth} }}"),
            ],
        });

        var expected = new Dictionary<string, string>
        {
            ["noshare"] = $"share nosuch not found on {Smbd}",
            ["badpass"] = $"logon to {Smbd} as root refused: wrong user or password",
            ["nofile"] = $"file nosuch.txt not found in share data on {Smbd}",
        };
        foreach (var (name, reason) in expected)
        {
            var line = await n1.Process.WaitForLine(l => l.Contains($"probe {name} (samba) UNKNOWN -> DOWN: "),
                $"{name} DOWN", TimeSpan.FromSeconds(30));
            Assert.EndsWith($"UNKNOWN -> DOWN: {reason}", line.Text);
        }
        await n1.Process.WaitForLine(l => l.Contains("probe good (samba) UNKNOWN -> UP: "), "good UP", TimeSpan.FromSeconds(30));

        // A failed share is checked again on every run, so the reason stays fresh and the count goes on.
        await Poll.Until(() => expected.Keys.All(name => Look(n1, name).Failures >= Fall + 2), TimeSpan.FromSeconds(20),
            "every failing share counted on every run");
        foreach (var (name, reason) in expected)
        {
            var look = Look(n1, name);
            Assert.Equal(("DOWN", reason), (look.Health, look.Reason));
        }
        Assert.Equal("UP", Look(n1, "good").Health);
    }

    private static async Task<string> Transition(FailoverdNode node, string change, int startAt, TimeSpan timeout) =>
        (await node.Process.WaitForLine(l => l.Contains($"group web: probe share (samba) {change}: "),
            $"share {change}", timeout, startAt)).Text;

    /// <summary>Looks at the probe in status every 100 ms until <paramref name="until"/> holds; every look, in order.</summary>
    private static async Task<List<(string Health, int Successes, int Failures, string Reason)>> Watch(
        FailoverdNode node, Func<(string Health, int Successes, int Failures, string Reason), bool> until, string what)
    {
        var looks = new List<(string, int, int, string)>();
        await Poll.Until(() =>
        {
            looks.Add(Look(node, "share"));
            return until(looks[^1]);
        }, TimeSpan.FromSeconds(20), what);
        return looks;
    }

    private static (string Health, int Successes, int Failures, string Reason) Look(FailoverdNode node, string name)
    {
        using var status = node.Status();
        var probe = status.RootElement.GetProperty("groups")[0].GetProperty("probes").EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == name);
        return (probe.GetProperty("health").GetString()!, probe.GetProperty("successes").GetInt32(),
            probe.GetProperty("failures").GetInt32(), probe.GetProperty("reason").GetString() ?? "");
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
