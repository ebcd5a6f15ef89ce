using Failover.Carp;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Decisions;
using Failover.Rules.Engine;
using Failover.Rules.Facts;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Engine;

/// <summary>The seed's two UcManager algorithms, as docs/rules.md writes them, played through time.</summary>
public sealed class SeedAlgorithmTests
{
    private static readonly DateTimeOffset T0 = Sample.T0;

    // §2.4, the DNS/DHCP pair.
    private static readonly Rule[] DnsDhcp =
    [
        Sample.Rule("dns-dhcp-down", "state == master and (probe.bind == down or probe.dhcpd == down)",
            new Demote(), new HoldDown(TimeSpan.FromHours(4)), new Notify("bind or dhcpd down on this node")),
        Sample.Rule("dns-dhcp-down-on-backup", "state == backup and (probe.bind == down or probe.dhcpd == down)",
            new ForbidMaster(), new Notify("bind or dhcpd down on the backup node")) with { Repeat = TimeSpan.FromHours(4) },
        Sample.Rule("took-over", "state == master", new Notify("this node took over the DNS/DHCP VIPs")),
    ];

    // §3.4, the Samba/LDAP pair on DRBD.
    private static readonly Rule[] Samba =
    [
        Sample.Rule("split-brain", "drbd.r0.split_brain or drbd.r0.connection == StandAlone",
            new SplitBrainRecovery("r0"), new Notify("DRBD r0 split brain: recovery started")),
        Sample.Rule("drbd-out-of-service", "drbd.r0.disk == Diskless or drbd.r0.disk == Failed or drbd.r0.connection == Unconfigured",
            new Demote(), new ReconnectDrbd("r0"), new Notify("DRBD r0 out of service on this node")) with { Repeat = TimeSpan.FromMinutes(1) },
        Sample.Rule("samba-ldap-down", "state == master and (probe.smbd == down or probe.slapd == down)",
            new Demote(), new Notify("samba or ldap down on this node")) with { For = TimeSpan.FromSeconds(3) },
    ];

    private sealed class Node(Rule[] rules, RuleMemory? memory = null)
    {
        public RuleMemory Memory { get; private set; } = memory ?? RuleMemory.Empty;

        public Evaluation At(DateTimeOffset now, GroupFacts facts)
        {
            var evaluation = RuleEngine.Evaluate(facts, rules, now, Memory);
            Memory = evaluation.Memory;
            return evaluation;
        }
    }

    [Fact]
    public void Primary_with_dns_down_hands_over_mails_once_and_stays_out_for_four_hours()
    {
        var primary = new Node(DnsDhcp);
        var healthy = primary.At(T0, Sample.Master());
        Assert.Equal([new Notify("this node took over the DNS/DHCP VIPs")], healthy.Decisions); // first sight of MASTER
        Assert.Empty(primary.At(T0.AddSeconds(1), Sample.Master()).Decisions);

        var failing = primary.At(T0.AddSeconds(5), Sample.Master().WithProbe("bind", ServiceHealth.Down));
        Assert.False(failing.MayStayMaster);
        Assert.Equal([new Notify("bind or dhcpd down on this node")], failing.Decisions);

        // The state machine demotes; bind is still down: no more mail, no way back.
        var backup = Sample.Backup().WithProbe("bind", ServiceHealth.Down);
        var demoted = primary.At(T0.AddSeconds(6), backup);
        Assert.False(demoted.MayBecomeMaster);
        Assert.Equal([new Notify("bind or dhcpd down on the backup node")], demoted.Decisions);

        // bind comes back after ten minutes: still held down until four hours after the demotion.
        var mended = primary.At(T0.AddMinutes(10), Sample.Backup());
        Assert.False(mended.MayBecomeMaster);
        Assert.Equal(T0.AddSeconds(5).AddHours(4), mended.HoldDownUntil);
        Assert.True(primary.At(T0.AddSeconds(5).AddHours(4), Sample.Backup()).MayBecomeMaster);
    }

    [Fact]
    public void Backup_with_dhcp_down_mails_every_four_hours_and_does_not_take_over()
    {
        var secondary = new Node(DnsDhcp);
        var down = Sample.Backup().WithProbe("dhcpd", ServiceHealth.Down);
        var first = secondary.At(T0, down);
        Assert.False(first.MayBecomeMaster);
        Assert.Single(first.Decisions);
        Assert.Empty(secondary.At(T0.AddHours(2), down).Decisions);
        Assert.Single(secondary.At(T0.AddHours(4), down).Decisions);
    }

    [Fact]
    public void Samba_master_with_ldap_down_for_three_seconds_demotes()
    {
        var varda = new Node(Samba);
        var ldapDown = Sample.Master().WithProbe("slapd", ServiceHealth.Down);
        Assert.True(varda.At(T0, ldapDown).MayStayMaster);
        Assert.True(varda.At(T0.AddSeconds(2), ldapDown).MayStayMaster);
        var demote = varda.At(T0.AddSeconds(3), ldapDown);
        Assert.False(demote.MayStayMaster);
        Assert.Equal([new Notify("samba or ldap down on this node")], demote.Decisions);
    }

    [Fact]
    public void Split_brain_starts_recovery_and_keeps_both_nodes_from_taking_over()
    {
        var node = new Node(Samba);
        var split = Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "StandAlone", PeerDisk = DrbdDiskState.DUnknown, SplitBrain = true });
        var evaluation = node.At(T0, split);
        Assert.Equal([new SplitBrainRecovery("r0"), new Notify("DRBD r0 split brain: recovery started")], evaluation.Decisions);
        Assert.False(evaluation.MayBecomeMaster);
        Assert.Contains(evaluation.Vetoes, v => v.Reason == "r0: split brain flagged (StandAlone)");
    }

    [Fact]
    public void Drbd_out_of_service_demotes_and_retries_every_minute()
    {
        var node = new Node(Samba);
        var diskless = Sample.Master().WithDrbd("r0", s => s with { LocalDisk = DrbdDiskState.Diskless });
        var first = node.At(T0, diskless);
        Assert.False(first.MayStayMaster);
        Assert.Equal([new ReconnectDrbd("r0"), new Notify("DRBD r0 out of service on this node")], first.Decisions);
        Assert.Empty(node.At(T0.AddSeconds(30), diskless).Decisions);
        Assert.Equal(2, node.At(T0.AddMinutes(1), diskless).Decisions.Count);
    }

    [Fact]
    public void A_resyncing_backup_waits_for_UpToDate_before_it_may_take_over()
    {
        var node = new Node(Samba);
        var syncing = Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(60) });
        Assert.False(node.At(T0, syncing).MayBecomeMaster);
        Assert.True(node.At(T0.AddMinutes(5), Sample.Backup()).MayBecomeMaster);
    }

    [Fact]
    public void An_isolated_primary_does_not_take_its_role_back_before_the_resync()
    {
        // The link came back; the peer became primary meanwhile, and r0 resyncs towards us.
        var node = new Node(Samba);
        var back = Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent })
            with { LinkLostUnsynced = true };
        var evaluation = node.At(T0, back);
        Assert.False(evaluation.MayBecomeMaster);
        Assert.Contains(evaluation.Safety, s => s.Check == "in sync since the last link loss" && !s.Passed);
        var synced = Sample.Backup();
        Assert.True(synced.ResourcesInSync); // what lets the runtime clear the flag
        Assert.True(node.At(T0.AddMinutes(3), synced with { LinkLostUnsynced = false }).MayBecomeMaster);
    }

    [Fact]
    public void A_master_whose_vip_up_chain_failed_leaves()
    {
        var node = new Node(Samba);
        var failed = Sample.Master() with { VipUpFailedAt = T0 };
        Assert.False(node.At(T0, failed).MayStayMaster);
        Assert.True(node.At(T0.AddSeconds(1), failed with { State = CarpState.Backup }).MayBecomeMaster);
    }
}
