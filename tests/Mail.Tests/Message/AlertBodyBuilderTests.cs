using Failover.Mail.Message;

namespace Failover.Mail.Tests.Message;

public sealed class AlertBodyBuilderTests
{
    [Fact]
    public void Lays_out_facts_steps_and_both_nodes()
    {
        var body = new AlertBodyBuilder()
            .What("group samba promoted to MASTER")
            .Node("varda")
            .Why("peer yavanna silent for 3.1 s\n(master-down timer)")
            .Chain("promote")
            .Step("drbd primary r0", TimeSpan.FromMilliseconds(850), "ok")
            .Step("mount /srv", TimeSpan.FromMilliseconds(2410), "ok")
            .Step("vip 10.4.0.2/24", TimeSpan.FromSeconds(185), "failed: timeout")
            .NodeState("varda", "MASTER")
            .NodeState("yavanna", "unreachable")
            .Note("failoverctl status on varda for more.")
            .Build();
        Assert.Equal(
            """
            What: group samba promoted to MASTER
            Node: varda
            Why:  peer yavanna silent for 3.1 s
                  (master-down timer)

            Chain promote:
              drbd primary r0      850 ms  ok
              mount /srv           2.41 s  ok
              vip 10.4.0.2/24  3 min 05 s  failed: timeout
              total            3 min 08 s

            Nodes:
              varda    MASTER
              yavanna  unreachable

            failoverctl status on varda for more.

            """.ReplaceLineEndings("\n"),
            body);
    }

    [Fact]
    public void Empty_sections_are_left_out()
    {
        Assert.Equal("What: x\n", new AlertBodyBuilder().What("x").Build());
        Assert.Equal("", new AlertBodyBuilder().Build());
    }
}
