using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>A DRBD split brain reported on the events2 stream (the simulated drbdsetup: these machines have no DRBD
/// module) reaches the admins as one mail through a real SMTP server, and keeps the node out of MASTER.</summary>
public sealed class SplitBrainMailLabTests(ITestOutputHelper output)
{
    private const string Healthy = """
        exists resource name:r0 role:Secondary suspended:no may_promote:no promotion_score:10101
        exists connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Primary
        exists device name:r0 volume:0 minor:0 disk:UpToDate client:no quorum:yes
        exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate peer-client:no resync-suspended:no

        """;

    /// <summary>What DRBD 9 prints when the peers meet again after both wrote: the helper call, then StandAlone.</summary>
    private const string SplitBrain = """
        change connection name:r0 peer-node-id:1 conn-name:peer connection:Connecting
        call helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain
        change connection name:r0 peer-node-id:1 conn-name:peer connection:StandAlone

        """;

    [LabFact]
    public async Task A_split_brain_on_the_stream_is_mailed_once_and_keeps_the_node_out_of_master()
    {
        await using var lab = new NetLab(output.WriteLine);
        var sink = await SmtpSink.Start(lab, lab.AddNode("mx", "192.0.2.25/24"));
        var dir = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, "drbd")).FullName;
        var drbdsetup = Path.Combine(dir, "drbdsetup");
        File.CreateSymbolicLink(drbdsetup, Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Monitors.Tests", "Drbd", "drbdsetup-sim"));
        File.WriteAllText(Path.Combine(dir, "state"), Healthy);
        var group = new LabGroup
        {
            Monitors = [$"{{ name: disks, drbd: {{ resources: [r0], source: events2, command: [{drbdsetup}, events2, all] }}, interval: 60s, timeout: 3s, rise: 1, fall: 1 }}"],
        };
        var node = lab.AddNode("n1", "192.0.2.1/24");
        var n1 = FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"mail: {{ relay: \"{sink.Endpoint}\", tls: none, from: failover@example.test, to: [ops@example.test] }}\n");
        await n1.Process.WaitForLine(l => l.Contains("probe disks (drbd) UNKNOWN -> UP"), "the healthy dump read", TimeSpan.FromSeconds(20));

        File.AppendAllText(Path.Combine(dir, "events"), SplitBrain);

        var mail = await sink.WaitFor("web: DRBD split brain on r0 (n1)", TimeSpan.FromSeconds(30));
        output.WriteLine(mail);
        Assert.Contains("What:  split brain on DRBD resource r0, seen by n1", mail);
        Assert.Contains("both nodes changed the data while they were apart", mail);
        // Mailed when DRBD calls its split-brain helper, which it does before it drops the connection: the state
        // then may still be Connecting, or StandAlone already if the next event was read with it.
        Assert.Matches(@"drbd r0: (Connecting|StandAlone) .*, split brain", mail);
        await n1.Process.WaitForLine(l => l.Contains("may not become MASTER") && l.Contains("split brain"),
            "the safety check against split brain", TimeSpan.FromSeconds(15));

        // More events on the same split resource are no new split brain: still one mail.
        File.AppendAllText(Path.Combine(dir, "events"), "change connection name:r0 peer-node-id:1 conn-name:peer connection:StandAlone\n");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(sink.WithSubject("DRBD split brain"));
    }
}
