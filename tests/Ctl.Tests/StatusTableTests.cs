using Failover.Control;

namespace Failover.Ctl.Tests;

public sealed class StatusTableTests
{
    [Fact]
    public void Shows_each_group_state_vips_master_reason_and_counters()
    {
        var report = new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch,
        [
            new GroupReport("samba", 210, "eth0", "10.4.0.102", ["10.4.0.2/24", "10.4.0.3/24"], "BACKUP", "down", "10.4.0.101",
                new TransitionReport("MASTER", "BACKUP", "link down", DateTimeOffset.UnixEpoch), "released",
                new AdvertReport(5, 7, 1, new Dictionary<string, long> { ["bad_hmac"] = 2, ["bad_ttl"] = 1 }),
                [new ProbeReport("samba", "smbd", "samba", "DOWN", "connection refused by 10.4.0.2:445", 0.4, null, 0, 3)]),
        ]);
        var output = new StringWriter();
        StatusTable.Write(report, output);
        var text = output.ToString();

        Assert.Matches(@"GROUP\s+VHID\s+STATE\s+INTERFACE\s+LINK\s+VIPS\s+MASTER SEEN", text);
        Assert.Matches(@"samba\s+210\s+BACKUP\s+eth0\s+down\s+10\.4\.0\.2/24,10\.4\.0\.3/24\s+10\.4\.0\.101", text);
        Assert.Contains("MASTER -> BACKUP: link down", text);
        Assert.Contains("sent 5, received 7, send errors 1, rejected: bad_hmac 2, bad_ttl 1", text);
        Assert.Contains("admin        released (undo with: failoverctl clear samba)", text);
        Assert.Contains("probe        smbd (samba) DOWN: connection refused by 10.4.0.2:445 (0.4 ms)", text);
    }

    [Fact]
    public void Says_who_measured_a_probe_run_by_the_peer_and_whose_service_a_for_peer_probe_is()
    {
        var report = new StatusReport("n1", "1.0.0", DateTimeOffset.UnixEpoch,
        [
            new GroupReport("dns-dhcp", 200, "eth0", "192.0.2.1", ["192.0.2.100/24"], "MASTER", "up", "192.0.2.1", null, "none",
                new AdvertReport(0, 0, 0, new Dictionary<string, long>()),
                [
                    new ProbeReport("dns-dhcp", "dhcp", "dhcp", "UP", "DHCPOFFER of 192.0.2.150 from 192.0.2.1 in 3 ms", null, null, 0, 0, MeasuredBy: "n2"),
                    new ProbeReport("dns-dhcp", "dhcp", "dhcp", "DOWN", "no DHCPOFFER in 2.7 s", 2700, null, 0, 4, About: "n2"),
                ]),
        ]);
        var output = new StringWriter();
        StatusTable.Write(report, output);
        var text = output.ToString();

        Assert.Contains("probe        dhcp (dhcp) UP: DHCPOFFER of 192.0.2.150 from 192.0.2.1 in 3 ms [measured by n2]", text);
        Assert.Contains("probe        dhcp (dhcp) DOWN: no DHCPOFFER in 2.7 s (2700 ms) [of peer n2]", text);
    }

    [Fact]
    public void Shows_the_hold_after_a_failed_on_master_and_the_last_chain()
    {
        const string summary = "on_master rolled back: step 2 (exec /bin/false) failed: exit 1";
        var at = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var report = new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch,
        [
            new GroupReport("samba", 210, "eth0", "10.4.0.102", ["10.4.0.2/24"], "BACKUP", "up", "10.4.0.101", null, "none",
                new AdvertReport(0, 0, 0, new Dictionary<string, long>()), [], summary,
                new HoldReport(summary, at.AddMinutes(5)),
                new ChainReport("on_master", "rolled_back", summary, "no advertisement for 3 s", at, 42.4,
                    [new StepReport(1, "vip add", "ok", 0.2, "added 10.4.0.2/24", null), new StepReport(2, "exec /bin/false", "failed", 40, "exit 1", null)],
                    [new StepReport(1, "vip remove", "ok", 0.1, "removed 10.4.0.2/24", null)])),
        ]);
        var output = new StringWriter();
        StatusTable.Write(report, output);
        var text = output.ToString();

        Assert.Contains($"hold         not eligible until {at.AddMinutes(5).ToLocalTime():yyyy-MM-dd HH:mm:ss}: {summary} (end it with: failoverctl clear samba)", text);
        Assert.DoesNotContain("not eligible on_master", text);
        Assert.Contains($"last chain   {at.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {summary} (42 ms)", text);
    }

    [Fact]
    public void Shows_what_the_rules_forbid_the_hold_down_and_the_rules_firing()
    {
        var until = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var report = new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch,
        [
            new GroupReport("samba", 210, "eth0", "10.4.0.102", ["10.4.0.2/24"], "BACKUP", "up", "10.4.0.101", null, "none",
                new AdvertReport(0, 0, 0, new Dictionary<string, long>()), [],
                Rules: new RulesReport(false, true,
                    [new VetoReport("forbids-becoming", "safety", "r0 disk is Inconsistent (SyncTarget 40%)"),
                        new VetoReport("forbids-becoming", "hold-down", "set by rule smbd-down")],
                    until, "smbd-down", ["backup-smbd-down"])),
        ]);
        var output = new StringWriter();
        StatusTable.Write(report, output);
        var text = output.ToString();

        Assert.Contains("rules        may not become MASTER: safety: r0 disk is Inconsistent (SyncTarget 40%); hold-down: set by rule smbd-down", text);
        Assert.Contains($"hold-down    until {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}, set by rule smbd-down (end it with: failoverctl clear samba)", text);
        Assert.Contains("firing       backup-smbd-down (failoverctl explain samba says why)", text);
    }

    [Fact]
    public void Shows_the_peer_its_groups_probes_and_the_channel_rejects()
    {
        var since = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var peer = new PeerReport("yavanna", "10.4.0.212:7420", true, since, since.AddSeconds(30), "0.1.0",
            [new PeerGroupReport("samba", "BACKUP", "up", [new PeerProbeReport("smbd", "samba", "DOWN", "connection refused by 10.4.0.2:445")])],
            new Dictionary<string, long> { ["BadMac"] = 3 });
        var output = new StringWriter();
        StatusTable.Write(new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch, [], peer), output);
        var text = output.ToString();

        Assert.Contains($"peer yavanna (10.4.0.212:7420)  failoverd 0.1.0  reachable since {since.ToLocalTime():yyyy-MM-dd HH:mm:ss}", text);
        Assert.Contains($"channel      last heard {since.AddSeconds(30).ToLocalTime():yyyy-MM-dd HH:mm:ss}, rejected: BadMac 3", text);
        Assert.Contains("group        samba: BACKUP, link up\n", text.Replace("\r", ""));
        Assert.Contains("probe        samba/smbd (samba) DOWN: connection refused by 10.4.0.2:445", text);
    }

    [Fact]
    public void An_unreachable_peer_says_so_and_marks_what_it_last_said_as_unused()
    {
        var peer = new PeerReport("yavanna", "10.4.0.212:7420", false, DateTimeOffset.UnixEpoch, null, null,
            [new PeerGroupReport("samba", "MASTER", "up", [])], new Dictionary<string, long>());
        var output = new StringWriter();
        StatusTable.Write(new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch, [], peer), output);
        var text = output.ToString();

        Assert.Contains("peer yavanna (10.4.0.212:7420)  UNREACHABLE since", text);
        Assert.Contains("last heard never, rejected: none", text);
        Assert.Contains("samba: MASTER, link up (last heard, not used by the rules)", text);
    }

    [Fact]
    public void No_peer_no_peer_lines()
    {
        var output = new StringWriter();
        StatusTable.Write(new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch, []), output);
        Assert.DoesNotContain("peer", output.ToString());
    }
}
