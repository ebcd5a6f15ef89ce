using Failover.Control;
using Failover.Daemon.Http;

namespace Failover.Daemon.Tests.Http;

public sealed class PairFindingsTests
{
    [Fact]
    public void Down_probes_on_either_node_drbd_admin_overrides_and_mail_are_listed()
    {
        Assert.Equal(
            [
                "samba: probe ldap DOWN on n1: connect 192.0.2.2:389: <refused> & \"gone\"",
                "samba: DRBD r0 resyncing, 42.5 % done",
                "dns: probe named DOWN on n2: timeout after 2 s",
                "dns: released by admin on n1",
                "alert mail: 2 waiting, 1 given up: relay refused",
            ],
            PairFindings.Of(SampleReports.Pair()));
    }

    [Fact]
    public void A_healthy_pair_has_nothing()
    {
        var samba = SampleReports.Samba() with
        {
            Probes = [],
            Drbd = [new DrbdReport("r0", "Connected", "Primary", "Secondary", "UpToDate", "UpToDate", null, false)],
        };
        var peer = SampleReports.Peer() with { Groups = [new PeerGroupReport("samba", "BACKUP", "up", [])] };

        Assert.Empty(PairFindings.Of(new StatusReport("n1", "1.0", SampleReports.Now, [samba], peer)));
    }

    [Fact]
    public void Two_masters_or_none_are_findings_and_so_is_an_unreachable_peer()
    {
        GroupReport Group(string state) => SampleReports.Samba() with { State = state, Probes = [], Drbd = null };
        PeerReport Peer(string state, bool reachable = true) =>
            SampleReports.Peer(reachable) with { Groups = [new PeerGroupReport("samba", state, "up", [])] };

        Assert.Equal(["samba: both n1 and n2 are MASTER"], PairFindings.Of(new StatusReport("n1", "1.0", SampleReports.Now, [Group("MASTER")], Peer("MASTER"))));
        Assert.Equal(["samba: no node is MASTER"], PairFindings.Of(new StatusReport("n1", "1.0", SampleReports.Now, [Group("BACKUP")], Peer("BACKUP"))));
        Assert.Equal(["peer n2 unreachable: its states below are as last heard", "samba: no node is MASTER"],
            PairFindings.Of(new StatusReport("n1", "1.0", SampleReports.Now, [Group("BACKUP") with { Master = null }], Peer("MASTER", reachable: false))));
        // Without a peer channel, a master heard over CARP is enough.
        Assert.Empty(PairFindings.Of(new StatusReport("n1", "1.0", SampleReports.Now, [Group("BACKUP") with { Master = "192.0.2.202" }])));
    }

    [Fact]
    public void Standby_and_maintenance_on_either_node_are_findings_with_who_and_when()
    {
        var at = new DateTimeOffset(2026, 11, 21, 21, 40, 0, TimeSpan.Zero);
        var samba = SampleReports.Samba() with
        {
            Probes = [],
            Drbd = null,
            Maintenance = new ModeReport("root (uid 0, pid 42)", at),
        };
        var peer = SampleReports.Peer() with { Groups = [new PeerGroupReport("samba", "BACKUP", "up", [], Standby: true, Maintenance: true)] };
        var report = new StatusReport("n1", "1.0", SampleReports.Now, [samba], peer, Standby: new ModeReport("admin (uid 1000, pid 7)", at));

        Assert.Equal(
            [
                "n1 in standby: refuses MASTER for every group (set by admin (uid 1000, pid 7) at 2026-11-21 21:40 UTC)",
                "samba: in maintenance on n1: failoverd takes no action (set by root (uid 0, pid 42) at 2026-11-21 21:40 UTC)",
                "samba: n2 in standby",
                "samba: in maintenance on n2",
            ],
            PairFindings.Of(report));
    }
}
