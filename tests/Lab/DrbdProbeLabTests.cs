using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverd with a streamed drbd monitor against the simulated drbdsetup of Monitors.Tests (these
/// machines have no DRBD module): a change on the stream is acted on at once, and the daemon's stop ends drbdsetup.</summary>
public sealed class DrbdProbeLabTests(ITestOutputHelper output)
{
    private const string Healthy = """
        exists resource name:r0 role:Primary suspended:no may_promote:no promotion_score:10101
        exists connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Secondary
        exists device name:r0 volume:0 minor:0 disk:UpToDate client:no quorum:yes
        exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate peer-client:no resync-suspended:no

        """;

    [LabFact]
    public async Task A_failed_disk_on_the_stream_is_down_at_once_and_drbdsetup_stops_with_the_daemon()
    {
        await using var lab = new NetLab(output.WriteLine);
        var dir = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, "drbd")).FullName;
        var drbdsetup = Path.Combine(dir, "drbdsetup");
        File.CreateSymbolicLink(drbdsetup, Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Monitors.Tests", "Drbd", "drbdsetup-sim"));
        File.WriteAllText(Path.Combine(dir, "state"), Healthy);

        // A 60 s interval: anything seen within seconds came from the stream's early run, not from a tick.
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors = [$"{{ name: disks, drbd: {{ resources: [r0], source: events2, command: [{drbdsetup}, events2, all] }}, interval: 60s, timeout: 3s, rise: 1, fall: 1 }}"],
        });
        await n1.Process.WaitForLine(l => l.Contains("group web: probe disks (drbd) UNKNOWN -> UP: r0: Connected Primary/Secondary UpToDate/UpToDate"),
            "the first run UP from the initial dump", TimeSpan.FromSeconds(20));

        File.AppendAllText(Path.Combine(dir, "events"), "change device name:r0 volume:0 minor:0 disk:Failed\n");
        await n1.Process.WaitForLine(
            l => l.Contains("group web: probe disks (drbd) UP -> DOWN: r0: Connected Primary/Secondary Failed/UpToDate (local disk Failed)"),
            "the failed disk DOWN at once, long before the next tick", TimeSpan.FromSeconds(15));

        var pid = int.Parse(File.ReadAllLines(Path.Combine(dir, "starts")).Single());
        Assert.True(Directory.Exists($"/proc/{pid}"), "drbdsetup should run while the daemon does");
        await n1.Stop();
        Assert.Equal(0, n1.Process.ExitCode); // stopped by itself on SIGTERM, not killed with its children by the harness
        await Poll.Until(() => Gone(pid), TimeSpan.FromSeconds(10),
            $"drbdsetup ended with the daemon (still: {(File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : "gone")})");
    }

    /// <summary>Gone, or a zombie waiting for a reaper.</summary>
    private static bool Gone(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
    }
}
