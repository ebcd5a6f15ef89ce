using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverd running Nagios-style check scripts with its exec monitors: exit codes 0-3, fall and
/// rise as a check's verdict changes, and a hung check killed at its deadline with every process it started.</summary>
public sealed class ExecProbeLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    /// <summary>A plugin whose exit code is read from the file named by $1, with a second line (perfdata) that is no reason.</summary>
    private const string Plugin = """
        #!/bin/sh
        code=$(cat "$1")
        case $code in
          0) echo "DISK OK - 40% used" ;;
          1) echo "DISK WARNING - 85% used" ;;
          2) echo "DISK CRITICAL - 99% used" ;;
          *) echo "DISK UNKNOWN - cannot stat /srv" ;;
        esac
        echo "| used=40%;85;95"
        exit "$code"

        """;

    [LabFact]
    public async Task Nagios_exit_codes_decide_health_with_the_first_line_as_reason_and_fall_and_rise_apply()
    {
        await using var lab = new NetLab(output.WriteLine);
        var plugin = lab.WriteFile("check_disk.sh", Plugin.ReplaceLineEndings("\n"), executable: true);
        var verdicts = new[] { "ok", "warning", "critical", "unknown" }.Select((name, code) => (name, file: Verdict(lab, name, code))).ToArray();
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors = verdicts.Select(v => $"{{ name: {v.name}, exec: {{ argv: [{plugin}, {v.file}] }}, interval: 500ms, timeout: 3s, fall: 2, rise: 2 }}").ToArray(),
        });

        await AssertChange(n1, "ok", "UNKNOWN", "UP", "DISK OK - 40% used");
        await AssertChange(n1, "warning", "UNKNOWN", "UP", "WARNING: DISK WARNING - 85% used");
        await AssertChange(n1, "critical", "UNKNOWN", "DOWN", "CRITICAL: DISK CRITICAL - 99% used");
        await AssertChange(n1, "unknown", "UNKNOWN", "DOWN", "UNKNOWN: DISK UNKNOWN - cannot stat /srv");

        var mark = n1.Process.LineCount;
        SetVerdict(verdicts[0].file, 2);
        SetVerdict(verdicts[2].file, 0);
        await AssertChange(n1, "ok", "UP", "DOWN", "2 failures in a row, last: CRITICAL: DISK CRITICAL - 99% used", mark);
        await AssertChange(n1, "critical", "DOWN", "UP", "2 successes in a row, last: DISK OK - 40% used", mark);
        var ok = ProbeSnapshot.Of(n1, "ok");
        Assert.Equal(("exec", "DOWN", "CRITICAL: DISK CRITICAL - 99% used"), (ok.Kind, ok.Health, ok.Reason));
        Assert.True(ok.Failures >= 2, ok.ToString());
        Assert.Single(ProbeChange.All(n1, "warning"));
        Assert.Single(ProbeChange.All(n1, "unknown"));
    }

    [LabFact]
    public async Task A_hung_check_is_killed_at_its_deadline_with_its_children_and_leaves_no_process_in_the_node()
    {
        await using var lab = new NetLab(output.WriteLine);
        // A child that has a child of its own, a plain child, and a job whose subshell exited at once, so
        // that it belongs to init rather than to the check: the kill must reach all of them.
        var hang = lab.WriteFile("check_hang.sh", $"""
            #!/bin/sh
            sh -c 'sleep 600; echo never' &
            sleep 601 &
            ( sleep 602 & )
            wait

            """.ReplaceLineEndings("\n"), executable: true);
        var node = lab.AddNode("n1", "192.0.2.1/24");
        // One run only (interval 60 s), so whatever is left afterwards was left by that run. The probe kills at
        // 4.5 s, the runner's own deadline is 5 s: half a second for a loaded machine to kill and report.
        var n1 = FailoverdNode.Start(lab, node, new LabGroup
        {
            Monitors = [$"{{ name: hang, exec: {{ argv: [{hang}] }}, interval: 60s, timeout: 5s }}"],
        });

        static bool Sleeping(NamespaceProcess p) => p.CommandLine.StartsWith("sleep 60", StringComparison.Ordinal);
        await Poll.Until(() => NamespaceProcess.In(node).Count(Sleeping) == 3, Settle, "the check's three sleeps run");
        output.WriteLine($"in n1 while the check hangs:\n  {string.Join("\n  ", NamespaceProcess.In(node))}");

        var change = await ProbeChange.WaitFor(n1, "hang", "DOWN", Settle);
        Assert.Equal(("exec", "UNKNOWN", $"{hang} gave no result within 4.5 s; killed its process tree"),
            (change.Kind, change.From, change.Reason));
        await Poll.UntilSteady(() => NamespaceProcess.In(node).All(p => p.Pid == n1.Process.Id), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            "nothing but failoverd left in n1");
    }

    private static string Verdict(NetLab lab, string name, int code) => lab.WriteFile($"{name}.code", $"{code}\n");

    /// <summary>Replaces the file in one rename, so a run never reads it half-written.</summary>
    private static void SetVerdict(string file, int code)
    {
        File.WriteAllText(file + ".new", $"{code}\n");
        File.Move(file + ".new", file, overwrite: true);
    }

    private static async Task AssertChange(FailoverdNode node, string probe, string from, string to, string reason, int startAt = 0)
    {
        var change = await ProbeChange.WaitFor(node, probe, to, Settle, startAt);
        Assert.Equal(("exec", from, reason), (change.Kind, change.From, change.Reason));
    }
}
