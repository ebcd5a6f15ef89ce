using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// failoverd on n2 probing a real slapd on n1 (ldap://192.0.2.1:389) with its ldap monitors: what each
/// setting and each failure of the server looks like in the log and in failoverctl status, with rise and fall.
/// </summary>
public sealed class LdapProbeLabTests(ITestOutputHelper output)
{
    private const string Server = "ldap://192.0.2.1";
    private const string ServerShown = "ldap://192.0.2.1:389";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    /// <summary>A run against a silent server: libldap gives up at 0.8 x the probe's deadline, or, on a loaded
    /// machine, the probe's own deadline (0.9 x the monitor's timeout) comes first.</summary>
    private static string TimedOut(string deadline) =>
        $"(timed out talking to {Regex.Escape(ServerShown)}|no answer from {Regex.Escape(ServerShown)} within {Regex.Escape(deadline)})";

    [LabFact]
    public async Task Each_bind_and_search_setting_settles_with_its_reason_after_rise_or_fall()
    {
        await using var lab = new NetLab(output.WriteLine);
        await SlapdServer.Start(lab, lab.AddNode("n1", "192.0.2.1/24"));
        var password = PasswordFile(lab, "probe.pw", SlapdServer.ProbePassword);
        var wrong = PasswordFile(lab, "wrong.pw", "not-the-password");
        // Healthy ones start DOWN and need rise 2; failing ones start UP and need fall 2: each change shows its streak.
        const string up = "interval: 700ms, timeout: 3s, initial: down, rise: 2";
        const string down = "interval: 700ms, timeout: 3s, initial: up, fall: 2";
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup
        {
            Monitors =
            [
                Ldap("service", $"bind_dn: \"{SlapdServer.ProbeDn}\", password_file: {password}, attribute: o, value: {SlapdServer.Organization}", up),
                Ldap("anonymous", "", up),
                Ldap("wrongpw", $"bind_dn: \"{SlapdServer.ProbeDn}\", password_file: {wrong}", down),
                Ldap("nobase", "", down, baseDn: "ou=missing,dc=example,dc=test"),
                Ldap("noentry", "filter: \"(o=Other)\"", down),
                Ldap("wrongvalue", "attribute: o, value: Other", down),
            ],
        });

        await AssertChange(n2, "service", "DOWN", "UP",
            $@"2 successes in a row, last: bound as {SlapdServer.ProbeDn}, found {SlapdServer.Suffix}, o = Example in [\d.]+ m?s");
        await AssertChange(n2, "anonymous", "DOWN", "UP",
            $@"2 successes in a row, last: bound anonymously, found {SlapdServer.Suffix} in [\d.]+ m?s");
        await AssertChange(n2, "wrongpw", "UP", "DOWN",
            $"2 failures in a row, last: bind refused: invalid credentials for {SlapdServer.ProbeDn}");
        await AssertChange(n2, "nobase", "UP", "DOWN",
            "2 failures in a row, last: no such object: ou=missing,dc=example,dc=test");
        await AssertChange(n2, "noentry", "UP", "DOWN",
            $"2 failures in a row, last: filter \\(o=Other\\) does not match {SlapdServer.Suffix}");
        await AssertChange(n2, "wrongvalue", "UP", "DOWN",
            "2 failures in a row, last: entry found, attribute o = Example, expected Other");

        var service = ProbeSnapshot.Of(n2, "service");
        Assert.Equal(("ldap", "UP"), (service.Kind, service.Health));
        Assert.True(service.Successes >= 2, $"service: {service}");
        var wrongpw = ProbeSnapshot.Of(n2, "wrongpw");
        Assert.Equal(("DOWN", $"bind refused: invalid credentials for {SlapdServer.ProbeDn}"), (wrongpw.Health, wrongpw.Reason));
        Assert.True(wrongpw.Failures >= 2, $"wrongpw: {wrongpw}");
    }

    [LabFact]
    public async Task A_stopped_slapd_is_down_after_fall_runs_and_up_again_after_rise_when_it_is_back()
    {
        await using var lab = new NetLab(output.WriteLine);
        var slapd = await SlapdServer.Start(lab, lab.AddNode("n1", "192.0.2.1/24"));
        var password = PasswordFile(lab, "probe.pw", SlapdServer.ProbePassword);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup
        {
            Monitors = [Ldap("slapd", $"bind_dn: \"{SlapdServer.ProbeDn}\", password_file: {password}", "interval: 500ms, timeout: 3s, fall: 3, rise: 2")],
        });
        await AssertChange(n2, "slapd", "UNKNOWN", "UP", $@"bound as {SlapdServer.ProbeDn}, found {SlapdServer.Suffix} in [\d.]+ m?s");

        var mark = n2.Process.LineCount;
        var stopped = DateTimeOffset.UtcNow;
        await slapd.Stop();
        var down = await AssertChange(n2, "slapd", "UP", "DOWN", $"3 failures in a row, last: server down: cannot connect to {ServerShown}", mark);
        // Three failed runs 500 ms apart: at least two intervals after the stop, never at the first refusal.
        Assert.True(down.Line.At - stopped >= TimeSpan.FromSeconds(0.9), $"DOWN {(down.Line.At - stopped).TotalSeconds:0.00} s after the stop");
        var snapshot = ProbeSnapshot.Of(n2, "slapd");
        Assert.Equal(("DOWN", $"server down: cannot connect to {ServerShown}"), (snapshot.Health, snapshot.Reason));
        Assert.True(snapshot.Failures >= 3, snapshot.ToString());

        mark = n2.Process.LineCount;
        await slapd.Restart();
        await AssertChange(n2, "slapd", "DOWN", "UP", $@"2 successes in a row, last: bound as {SlapdServer.ProbeDn}, found {SlapdServer.Suffix} in [\d.]+ m?s", mark);
        Assert.Equal(["UNKNOWN -> UP", "UP -> DOWN", "DOWN -> UP"], ProbeChange.All(n2, "slapd").Select(c => $"{c.From} -> {c.To}"));
    }

    [LabFact]
    public async Task A_frozen_slapd_is_down_in_time_while_the_daemon_answers_keeps_time_and_leaks_nothing()
    {
        await using var lab = new NetLab(output.WriteLine);
        var slapd = await SlapdServer.Start(lab, lab.AddNode("n1", "192.0.2.1/24"));
        var password = PasswordFile(lab, "probe.pw", SlapdServer.ProbePassword);
        var ticks = Path.Combine(lab.WorkDirectory, "ticks");
        var tick = lab.WriteFile("tick.sh", $"#!/bin/sh\ndate +%s.%N >> {ticks}\necho tick\n", executable: true);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup
        {
            Monitors =
            [
                Ldap("slapd", $"bind_dn: \"{SlapdServer.ProbeDn}\", password_file: {password}", "interval: 500ms, timeout: 2s, fall: 2, rise: 2"),
                // Many short runs against the frozen server, to see whether threads or sockets pile up.
                Ldap("flood", "", "interval: 200ms, timeout: 600ms"),
                $"{{ name: tick, exec: {{ argv: [{tick}] }}, interval: 500ms, timeout: 3s }}",
            ],
        });
        await AssertChange(n2, "slapd", "UNKNOWN", "UP", $@"bound as {SlapdServer.ProbeDn}, found {SlapdServer.Suffix} in [\d.]+ m?s");
        var before = ProcessCensus.Of(n2.Process.Id);
        output.WriteLine($"failoverd before the freeze: {before}");

        var mark = n2.Process.LineCount;
        var frozen = DateTimeOffset.UtcNow;
        slapd.Freeze();
        try
        {
            var down = await AssertChange(n2, "slapd", "UP", "DOWN", $"2 failures in a row, last: {TimedOut("1.8 s")}", mark);
            var after = down.Line.At - frozen;
            output.WriteLine($"DOWN {after.TotalSeconds:0.00} s after the freeze");
            // Nothing answers, so only a timeout ends a run: libldap's (0.8 x 1.8 s) or the probe's (1.8 s).
            // Two runs 1.5 s apart take at most ~3.5 s unloaded.
            Assert.InRange(after, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(12));

            // The control socket does not wait for the silent server.
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                var snapshot = ProbeSnapshot.Of(n2, "slapd");
                output.WriteLine($"failoverctl status while frozen: {clock.ElapsedMilliseconds} ms, {snapshot}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"status took {clock.ElapsedMilliseconds} ms");
                Assert.Equal("DOWN", snapshot.Health);
            }

            await Poll.Until(() => ProbeSnapshot.Of(n2, "flood").Failures >= 20, TimeSpan.FromSeconds(60), "20 failed runs of flood against the frozen slapd");
            var during = ProcessCensus.Of(n2.Process.Id);
            output.WriteLine($"failoverd after 20 failed runs: {during}");
            Assert.True(during.ThreadsNamed("ldap probe") <= 2, $"LDAP probe threads pile up: {during}");
            Assert.True(during.Threads <= before.Threads + 6, $"threads grew from {before.Threads}: {during}");
            Assert.True(during.Sockets <= before.Sockets + 4, $"sockets grew from {before.Sockets}: {during}");
            var flood = ProbeSnapshot.Of(n2, "flood");
            // Each run is a fresh try that times out, not a refusal behind a bind that never returns.
            Assert.Matches($"^{TimedOut("540 ms")}$", flood.Reason);

            var gaps = TickGaps(ticks, frozen, DateTimeOffset.UtcNow);
            output.WriteLine($"tick monitor while frozen: {gaps.Count} gaps, longest {gaps.Max().TotalMilliseconds:0} ms");
            Assert.True(gaps.Max() < TimeSpan.FromSeconds(2), $"the exec monitor fell behind: a {gaps.Max().TotalMilliseconds:0} ms gap");
            Assert.Equal("UP", ProbeSnapshot.Of(n2, "tick").Health);
        }
        finally
        {
            slapd.Thaw();
        }

        mark = n2.Process.LineCount;
        await AssertChange(n2, "slapd", "DOWN", "UP", $@"2 successes in a row, last: bound as {SlapdServer.ProbeDn}, found {SlapdServer.Suffix} in [\d.]+ m?s", mark);
    }

    [LabFact]
    public async Task A_slapd_that_dies_unseen_while_frozen_does_not_wedge_the_probe_when_a_new_one_starts()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = lab.AddNode("n1", "192.0.2.1/24");
        var slapd = await SlapdServer.Start(lab, n1);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup
        {
            Monitors = [Ldap("slapd", "", "interval: 500ms, timeout: 2s, fall: 2, rise: 2")],
        });
        await AssertChange(n2, "slapd", "UNKNOWN", "UP", $@"bound anonymously, found {SlapdServer.Suffix} in [\d.]+ m?s");

        var mark = n2.Process.LineCount;
        slapd.Freeze();
        await AssertChange(n2, "slapd", "UP", "DOWN", $"2 failures in a row, last: {TimedOut("1.8 s")}", mark);

        // The server dies unseen (its reset is lost, as when a host crashes), so n2's bind waits on a connection
        // that no longer exists anywhere, and n2 sends nothing on it that could draw a reset.
        var ip = LabTool.Require("ip", "iproute2");
        Assert.True(lab.Exec(n1, ip, "route", "add", "blackhole", "192.0.2.2/32").Succeeded);
        slapd.Process.Kill();
        await Task.Delay(500);
        Assert.True(lab.Exec(n1, ip, "route", "del", "blackhole", "192.0.2.2/32").Succeeded);
        await slapd.Restart();
        mark = n2.Process.LineCount;
        await AssertChange(n2, "slapd", "DOWN", "UP", $@"2 successes in a row, last: bound anonymously, found {SlapdServer.Suffix} in [\d.]+ m?s", mark);
    }

    private static string Ldap(string name, string options, string schedule, string baseDn = SlapdServer.Suffix) =>
        $"{{ name: {name}, ldap: {{ server: {Server}, base: \"{baseDn}\"{(options.Length > 0 ? ", " + options : "")} }}, {schedule} }}";

    private static string PasswordFile(NetLab lab, string name, string password)
    {
        var path = lab.WriteFile(name, password + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>Waits for the change, then checks its whole reason against <paramref name="reason"/> (a regex).</summary>
    private static async Task<ProbeChange> AssertChange(FailoverdNode node, string probe, string from, string to, string reason, int startAt = 0)
    {
        var change = await ProbeChange.WaitFor(node, probe, to, Settle, startAt);
        Assert.Equal(("ldap", from), (change.Kind, change.From));
        Assert.Matches($"^{reason}$", change.Reason);
        return change;
    }

    /// <summary>The gaps between the tick monitor's runs from <paramref name="from"/> to <paramref name="to"/>,
    /// counting the gap from each end to the nearest run.</summary>
    private static IReadOnlyList<TimeSpan> TickGaps(string file, DateTimeOffset from, DateTimeOffset to)
    {
        var runs = File.ReadAllLines(file)
            .Select(l => DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(l, CultureInfo.InvariantCulture) * 1000)))
            .Where(t => t >= from && t <= to)
            .Prepend(from).Append(to).Order().ToArray();
        return runs.Zip(runs.Skip(1), (a, b) => b - a).ToArray();
    }
}
