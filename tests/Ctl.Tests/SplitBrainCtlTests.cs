using System.Text.Json;
using Failover.Control;

namespace Failover.Ctl.Tests;

public sealed class SplitBrainCtlTests
{
    [Theory]
    [InlineData("files --discard n2", "files", "n2", false)]
    [InlineData("files --dry-run --discard n1", "files", "n1", true)]
    [InlineData("--discard n2 files --dry-run", "files", "n2", true)]
    public void Resolve_reads_group_discard_and_dry_run_in_any_order(string line, string group, string discard, bool dryRun)
    {
        var request = CtlCommand.ResolveRequest(line.Split(' '));

        Assert.Equal(new ControlRequest("splitbrain-resolve", group, Discard: discard, DryRun: dryRun), request);
    }

    [Theory]
    [InlineData("splitbrain")]
    [InlineData("splitbrain frob")]
    [InlineData("splitbrain resolve files")]
    [InlineData("splitbrain resolve --discard n2")]
    [InlineData("splitbrain resolve files --discard")]
    [InlineData("splitbrain resolve files --discard --dry-run")]
    [InlineData("splitbrain resolve files other --discard n2")]
    [InlineData("splitbrain resolve files --discard n2 --discard n1")]
    [InlineData("splitbrain resolve files --discard n2 --force")]
    [InlineData("splitbrain status a b")]
    [InlineData("splitbrain status --yaml")]
    public async Task Bad_usage_exits_2(string line)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await CtlCommand.RunAsync(line.Split(' '), new StringWriter(), stderr));
        Assert.Contains("splitbrain resolve GROUP --discard NODE [--dry-run]", stderr.ToString());
    }

    private static readonly SplitBrainReport Split = new("files", "r0", "survivor", true,
        "r0 (0) cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown split-brain", "r0 (0) cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown split-brain",
        "idle", ["on n2: /bin/systemctl stop smbd", "on n2: /sbin/drbdadm connect --discard-my-data r0"], "n2", "n1 is the configured survivor",
        null, null, null);

    [Fact]
    public void Status_text_shows_the_plan_with_its_victim()
    {
        var text = new StringWriter();
        SplitBrainText.Write([Split], text);

        Assert.Equal("""
            files/r0: SPLIT BRAIN (policy survivor, recovery idle)
              here   r0 (0) cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown split-brain
              peer   r0 (0) cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown split-brain
              plan   discard n2's data: n1 is the configured survivor
                     on n2: /bin/systemctl stop smbd
                     on n2: /sbin/drbdadm connect --discard-my-data r0
              last   no recovery since failoverd started

            """, text.ToString().Replace("\r", ""));
    }

    [Fact]
    public void Status_text_says_why_nothing_runs_the_resync_and_the_last_result()
    {
        var report = Split with
        {
            Peer = null, Plan = null, Victim = null, Phase = "resyncing", Reason = "the peer n2 is unreachable (peer channel down): nothing runs",
            ResyncPercent = 42.5, LastResult = "commands ran: r0: all 6 commands ran", LastResultAt = new DateTimeOffset(2026, 11, 21, 19, 0, 0, TimeSpan.Zero),
        };
        var text = new StringWriter();
        SplitBrainText.Write([report, report with { Resource = "r1" }], text);

        var lines = text.ToString().Replace("\r", "").Split('\n');
        Assert.Equal("  peer   unreachable (peer channel down)", lines[2]);
        Assert.Equal("  plan   none: the peer n2 is unreachable (peer channel down): nothing runs", lines[3]);
        Assert.Equal("  resync 42.5%", lines[4]);
        Assert.Equal("  last   commands ran: r0: all 6 commands ran at 2026-11-21 19:00:00 UTC", lines[5]);
        Assert.Equal("", lines[6]);
        Assert.StartsWith("files/r1:", lines[7]);
    }

    [Fact]
    public void Reports_round_trip_through_the_control_json()
    {
        var response = new ControlResponse(true, SplitBrain: [Split]);

        var json = JsonSerializer.Serialize(response, ControlJson.Default.ControlResponse);
        var back = JsonSerializer.Deserialize(json, ControlJson.Default.ControlResponse)!;

        Assert.Contains("\"split_brain\":[{\"group\":\"files\",\"resource\":\"r0\",\"policy\":\"survivor\",\"split\":true", json);
        Assert.Equal(Split.Plan, back.SplitBrain![0].Plan);
        Assert.Equal(Split with { Plan = null }, back.SplitBrain[0] with { Plan = null });
    }
}
