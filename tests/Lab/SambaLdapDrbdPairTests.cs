using System.Diagnostics;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// The shipped Samba/LDAP-on-DRBD template on a real pair (<see cref="SambaPairLab"/>): real slapd and smbd
/// started and stopped by the chains, DRBD simulated for both nodes at once. What the seed's ucmanager,
/// vip-up.sh, vip-down.sh and ifplugd did, checked end to end.
/// </summary>
public sealed class SambaLdapDrbdPairTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [LabFact]
    public async Task Killing_smbd_on_the_master_moves_the_vip_drbd_and_the_services_to_the_backup()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await SambaPairLab.Prepare(lab);
        var (n1, n2) = await pair.StartWithN1Master();
        Assert.Equal(("Primary", "Secondary"), (pair.Drbd.Role(pair.N1), pair.Drbd.Role(pair.N2)));
        Assert.True(pair.Runs(pair.N1, "slapd") && pair.Runs(pair.N1, "smbd"), "on_master started slapd and smbd on n1");
        Assert.False(pair.Runs(pair.N2, "slapd") || pair.Runs(pair.N2, "smbd"), "nothing runs on the backup");
        // The rule judges smbd only after 15 s as master (on_master starts it, its monitor needs rise runs).
        await Poll.Until(() => SecondsAsMaster(n1) > 16, Settle, "n1 master for 16 s");

        var mark = n1.Process.LineCount;
        var clock = Stopwatch.StartNew();
        pair.Systemctl(pair.N1).Crash("smbd");

        var down = await ProbeChange.WaitFor(n1, "smbd", "DOWN", Settle, mark);
        Assert.Contains("127.0.0.1", down.Reason);
        await n1.Process.WaitForLine(l => l.Contains("group samba: rule samba-ldap-down fired"), "the rule firing", Settle, mark);
        await Poll.Until(() => n2.HoldsVip() && pair.ServesSmb(), Settle, "n2 holds the VIP and smbd answers on it");
        output.WriteLine($"smbd killed on n1 -> smbd answering on the VIP from n2: {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal(CarpState.Master, n2.State);
        Assert.Equal(CarpState.Backup, n1.State);
        Assert.False(n1.HoldsVip());
        Assert.Equal(("Secondary", "Primary"), (pair.Drbd.Role(pair.N1), pair.Drbd.Role(pair.N2)));
        Assert.True(pair.Runs(pair.N2, "slapd") && pair.Runs(pair.N2, "smbd"), "n2's on_master started slapd and smbd");
        Assert.False(pair.Runs(pair.N1, "slapd"), "n1's on_backup stopped slapd");
        Assert.Contains("stop slapd", pair.Systemctl(pair.N1).Calls());
        // vip-down.sh's order on n1, vip-up.sh's on n2.
        Assert.Equal(["secondary r0"], pair.Drbd.Calls(pair.N1).Skip(Array.LastIndexOf(pair.Drbd.Calls(pair.N1).ToArray(), "primary r0") + 1));
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(5), Settle, "n2 keeps the VIP (n1 holds down for 1 min)");
    }

    [LabFact]
    public async Task A_failing_vip_up_step_is_rolled_back_and_the_peer_takes_over()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await SambaPairLab.Prepare(lab);
        // n1's smbd cannot start: vip-up's third step fails (drbd primary, slapd start, smbd start, vip; no mount in the lab).
        pair.Systemctl(pair.N1).Define("smbd", ["/bin/sh", "-c", "echo 'smbd: Unable to open /etc/samba/smb.conf' >&2; exit 1"]);

        var n1 = pair.Start(pair.N1);
        // n1 (advskew 0) must time out first: a slow start on a loaded machine must not hand the race to n2.
        await n1.Process.WaitForLine(l => l.Contains("group samba: INIT -> BACKUP"), "n1 started", SambaPairLab.Election);
        var n2 = pair.Start(pair.N2);

        var held = await n1.Process.WaitForLine(l => l.Contains("group samba: on_master rolled back: step 3 (service smbd start) failed"),
            "the rollback", SambaPairLab.Election);
        Assert.EndsWith("exit 1: Job for smbd.service failed because the control process exited with error code.", held.Text[..held.Text.LastIndexOf(" (in ", StringComparison.Ordinal)]);
        Assert.Contains(n1.Process.Lines, l => l.Text.EndsWith("on_master step 3/4 | smbd: Unable to open /etc/samba/smb.conf", StringComparison.Ordinal));
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("on_master undo of step 2 service slapd stop: ok in "));
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("on_master undo of step 1 drbd r0 secondary: ok in "));
        Assert.DoesNotContain(n1.Process.Lines, l => l.Text.Contains("on_master step 4/4 vip"));

        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip() && pair.ServesSmb(), TimeSpan.FromSeconds(5), SambaPairLab.Election,
            "n2 holds the VIP and serves smbd, n1 holds nothing");
        Assert.Equal(CarpState.Backup, n1.State);
        Assert.Equal(("Secondary", "Primary"), (pair.Drbd.Role(pair.N1), pair.Drbd.Role(pair.N2)));
        Assert.False(pair.Runs(pair.N1, "slapd"), "the rollback stopped n1's slapd");
        Assert.True(pair.Runs(pair.N2, "slapd") && pair.Runs(pair.N2, "smbd"));
    }

    [LabFact]
    public async Task A_backup_whose_drbd_is_not_up_to_date_refuses_to_become_master_and_says_why()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await SambaPairLab.Prepare(lab);
        var (n1, n2) = await pair.StartWithN1Master();
        pair.Drbd.Resync(pair.N1, pair.N2, 40.0);
        await Poll.Until(() => n2.Ctl("explain", "samba").StdOut.Contains("r0 disk is Inconsistent", StringComparison.Ordinal),
            Settle, "n2's explain showing r0 Inconsistent");
        await Poll.Until(() => SecondsAsMaster(n1) > 16, Settle, "n1 master for 16 s");

        var mark = n2.Process.LineCount;
        pair.Systemctl(pair.N1).Crash("smbd");
        await n1.WaitForState(CarpState.Backup, Settle);

        // Nobody serves: better than Samba on half-copied data.
        await Poll.UntilSteady(() => !n1.HoldsVip() && !n2.HoldsVip() && n2.State == CarpState.Backup,
            TimeSpan.FromSeconds(8), Settle, "no VIP holder while n2's r0 resyncs");
        Assert.Equal("Secondary", pair.Drbd.Role(pair.N2));
        var explain = n2.Ctl("explain", "samba");
        Assert.True(explain.Succeeded, explain.StdErr);
        output.WriteLine(explain.StdOut);
        Assert.Contains("FAILED  r0 UpToDate locally: r0 disk is Inconsistent (SyncTarget 40%)", explain.StdOut);

        // The resync ends: n2 may and does take over (n1 is held down by the rule).
        pair.Drbd.EndResync();
        await n2.WaitForState(CarpState.Master, Settle, mark);
        await Poll.Until(() => n2.HoldsVip() && pair.ServesSmb(), Settle, "n2 serves once r0 is UpToDate");
    }

    [LabFact]
    public async Task A_master_cut_off_during_a_resync_takes_the_vip_back_only_once_the_resync_ends()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await SambaPairLab.Prepare(lab);
        // preempt: varda, the preferred node, takes the VIP back by itself, as soon as it safely can.
        var (n1, n2) = await pair.StartWithN1Master(t => t.Replace("preempt: false", "preempt: true"));

        lab.CutLink(pair.N1);
        pair.Drbd.SetLink(false);
        await n1.WaitForState(CarpState.Backup, Settle);
        await Poll.Until(() => n2.HoldsVip() && pair.ServesSmb(), Settle, "n2 took over");
        Assert.Equal("Primary", pair.Drbd.Role(pair.N2));

        // The cable is back: DRBD resyncs n1 from n2. n1 must not preempt mid-resync.
        var mark = n1.Process.LineCount;
        pair.Drbd.Resync(pair.N2, pair.N1, 10.0);
        pair.Drbd.SetLink(true);
        lab.PlugLink(pair.N1);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip() && n1.State == CarpState.Backup,
            TimeSpan.FromSeconds(8), Settle, "n2 keeps the VIP while n1 is a SyncTarget");
        pair.Drbd.Resync(pair.N2, pair.N1, 90.0);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(3), Settle, "still n2 at 90%");
        Assert.DoesNotContain(n1.Process.Lines.Skip(mark), l => l.Text.Contains("group samba: BACKUP -> MASTER"));

        pair.Drbd.EndResync();
        await n1.WaitForState(CarpState.Master, Settle, mark);
        await Poll.Until(() => n1.HoldsVip() && !n2.HoldsVip() && pair.ServesSmb(), Settle, "n1 took the VIP back after the resync");
        Assert.Equal(("Primary", "Secondary"), (pair.Drbd.Role(pair.N1), pair.Drbd.Role(pair.N2)));
    }

    private static double SecondsAsMaster(FailoverdNode node)
    {
        using var status = node.Status();
        var change = status.RootElement.GetProperty("groups")[0].GetProperty("last_transition");
        return (DateTimeOffset.UtcNow - change.GetProperty("at").GetDateTimeOffset()).TotalSeconds;
    }
}
