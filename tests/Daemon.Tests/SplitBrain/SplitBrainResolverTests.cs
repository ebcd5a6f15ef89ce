using Failover.Actions.SplitBrain;
using Failover.Daemon.Alerts;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;
using Failover.Daemon.Tests.Runtime;
using Failover.Monitors.Drbd;

namespace Failover.Daemon.Tests.SplitBrain;

public sealed class SplitBrainResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitbrain-").FullName;
    private readonly List<string> _journal = [];
    private readonly List<Alert> _mails = [];
    private readonly LogLines _log = new();
    private readonly FakeCommands _local;
    private readonly FakeCommands _remote;
    private Dictionary<string, DrbdResourceState> _localStates = [];
    private PeerDrbdView _peer = PeerDrbdView.Unreachable;

    public SplitBrainResolverTests()
    {
        _local = new FakeCommands("n1", _journal);
        _remote = new FakeCommands("n2", _journal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DrbdResourceState Split(bool primary = true) => new()
    {
        Name = "r0", ConnectionState = "StandAlone", LocalRole = primary ? DrbdRole.Primary : DrbdRole.Secondary, PeerRole = DrbdRole.Unknown,
        LocalDisk = DrbdDiskState.UpToDate, PeerDisk = DrbdDiskState.DUnknown, SplitBrain = true,
    };

    private static DrbdResourceState Healthy() => new()
    {
        Name = "r0", ConnectionState = "Connected", LocalRole = DrbdRole.Primary, PeerRole = DrbdRole.Secondary,
        LocalDisk = DrbdDiskState.UpToDate, PeerDisk = DrbdDiskState.UpToDate,
    };

    private SplitBrainResolver Resolver(SplitBrainPolicyKind kind, string? survivor = null, bool withRunner = true)
    {
        var policy = new SplitBrainPolicy(kind, survivor, ["r0"], ["smbd"], [], "/sbin/drbdadm", "/bin/systemctl", TimeSpan.FromSeconds(5));
        var config = new SplitBrainConfig(policy, DrbdSyntax.Drbd9, new Dictionary<string, string> { ["r0"] = "r0" });
        return new SplitBrainResolver("files", config, "n1", "n2", () => _localStates, () => _peer, LastPrimaryBook.Open(_dir),
            withRunner ? _remote : null, _local, a => { lock (_mails) _mails.Add(a); }, TimeProvider.System,
            _log.Factory.CreateLogger("test"));
    }

    private void BothSplit()
    {
        _localStates = new() { ["r0"] = Split() };
        _peer = new PeerDrbdView(new Dictionary<string, DrbdResourceState> { ["r0"] = Split() }, new Dictionary<string, DateTimeOffset>());
    }

    private static void Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met within 5 s");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public async Task Survivor_runs_the_plan_once_mailing_it_before_the_first_command_then_waits_for_the_resync()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Survivor, "n1");
        BothSplit();

        resolver.Check();
        Eventually(() => resolver.Report()[0].Phase == "resyncing");
        resolver.Check(); // still split as far as the facts say: no second run

        Assert.Equal([
            "n2: /bin/systemctl stop smbd",
            "n2: /sbin/drbdadm disconnect r0",
            "n2: /sbin/drbdadm secondary r0",
            "n2: /sbin/drbdadm connect --discard-my-data r0",
            "n1: /sbin/drbdadm disconnect r0",
            "n1: /sbin/drbdadm connect r0",
        ], _journal);
        var plan = Assert.Single(_mails);
        Assert.Equal("files: split brain on r0: discarding the data of n2 (n1)", plan.Subject);
        Assert.Contains("Why n2: n1 is the configured survivor.", plan.Body);
        Assert.Contains("  on n2: /sbin/drbdadm connect --discard-my-data r0", plan.Body);
        Assert.Contains(_log.Lines, l => l.StartsWith("group files: split brain recovery of r0: on n2: /sbin/drbdadm secondary r0: ok in ", StringComparison.Ordinal));

        _localStates = new() { ["r0"] = Healthy() with { ConnectionState = "SyncSource", PeerDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(42) } };
        _peer = new PeerDrbdView(new Dictionary<string, DrbdResourceState> { ["r0"] = Healthy() with { ConnectionState = "SyncTarget" } }, new Dictionary<string, DateTimeOffset>());
        resolver.Check();
        Assert.Equal((42.0, "resyncing"), (resolver.Report()[0].ResyncPercent, resolver.Report()[0].Phase));
        Assert.Contains(_log.Lines, l => l.StartsWith("group files: r0 resync after the split brain: 42%", StringComparison.Ordinal));

        _localStates = new() { ["r0"] = Healthy() };
        _peer = new PeerDrbdView(new Dictionary<string, DrbdResourceState> { ["r0"] = Healthy() with { LocalRole = DrbdRole.Secondary } }, new Dictionary<string, DateTimeOffset>());
        resolver.Check();

        Assert.Equal("idle", resolver.Report()[0].Phase);
        Assert.Equal("files: r0 resynced after the split brain: both disks UpToDate (n1)", _mails[^1].Subject);
        Assert.Equal(2, _mails.Count);
    }

    [Fact]
    public async Task A_master_victim_is_released_on_our_socket_first_and_cleared_once_both_disks_are_uptodate()
    {
        var policy = new SplitBrainPolicy(SplitBrainPolicyKind.Survivor, "n1", ["r0"], ["smbd"], [], "/sbin/drbdadm", "/bin/systemctl", TimeSpan.FromSeconds(5));
        var config = new SplitBrainConfig(policy, DrbdSyntax.Drbd9, new Dictionary<string, string> { ["r0"] = "r0" });
        await using var resolver = new SplitBrainResolver("files", config, "n1", "n2", () => _localStates, () => _peer, LastPrimaryBook.Open(_dir),
            _remote, _local, a => { lock (_mails) _mails.Add(a); }, TimeProvider.System, _log.Factory.CreateLogger("test"))
        {
            LocalMaster = () => false,
            ControlSocket = "/run/failover/failoverd.sock",
        };
        BothSplit();
        _peer = _peer with { Master = true };

        resolver.Check();
        Eventually(() => resolver.Report()[0].Phase == "resyncing");

        Assert.Equal("n2: /usr/bin/failoverctl --socket /run/failover/failoverd.sock release files", _journal[0]);
        Assert.Equal("n2: /bin/systemctl stop smbd", _journal[1]);
        Assert.Equal(7, _journal.Count);
        Assert.Equal("after the resync, on n2: /usr/bin/failoverctl --socket /run/failover/failoverd.sock clear files", resolver.Report()[0].Plan![^1]);

        _localStates = new() { ["r0"] = Healthy() };
        _peer = new PeerDrbdView(new Dictionary<string, DrbdResourceState> { ["r0"] = Healthy() with { LocalRole = DrbdRole.Secondary } }, new Dictionary<string, DateTimeOffset>());
        resolver.Check();

        Eventually(() => _journal.Count == 8);
        Assert.Equal("n2: /usr/bin/failoverctl --socket /run/failover/failoverd.sock clear files", _journal[7]);
        Eventually(() => _log.Lines.Any(l => l.StartsWith("group files: split brain recovery of r0: after the resync: on n2: /usr/bin/failoverctl", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_victim_leaves_the_run_to_the_survivor()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Survivor, "n2");
        BothSplit();

        resolver.Check();

        Assert.Empty(_journal);
        Assert.Empty(_mails);
        Assert.Contains(_log.Lines, l => l == "group files: split brain on r0: n2 (the survivor) runs the recovery; n1's data will be discarded");
        Assert.Equal("n1", resolver.Report()[0].Victim);
    }

    [Fact]
    public async Task A_failed_step_stops_the_plan_is_mailed_and_not_retried()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Survivor, "n1");
        _remote.Failures["/sbin/drbdadm secondary r0"] = (11, "r0: State change failed: (-12) Device is held open by someone");
        BothSplit();

        resolver.Check();
        Eventually(() => resolver.Report()[0].Phase == "failed");
        resolver.Check();

        Assert.Equal(3, _journal.Count);
        Assert.Equal("n2: /sbin/drbdadm secondary r0", _journal[^1]);
        Assert.Equal("files: split-brain recovery of r0 FAILED on n2 (n1)", _mails[^1].Subject);
        Assert.Contains("exit 11: r0: State change failed: (-12) Device is held open by someone", _mails[^1].Body);
        Assert.StartsWith("FAILED: r0: stopped at '/sbin/drbdadm secondary r0' on n2", resolver.Report()[0].LastResult);
    }

    [Fact]
    public async Task Nothing_runs_while_the_peer_is_unreachable_and_status_says_why()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Survivor, "n1");
        _localStates = new() { ["r0"] = Split() };

        resolver.Check();
        var (ok, text) = resolver.Resolve("n2", dryRun: false, "root");

        Assert.False(ok);
        Assert.Empty(_journal);
        Assert.Empty(_mails);
        var report = Assert.Single(resolver.Report());
        Assert.True(report.Split);
        Assert.Null(report.Plan);
        Assert.Contains("the peer n2 is unreachable (peer channel down)", report.Reason);
        Assert.Contains("nothing runs: the peer n2 is unreachable", text);
    }

    [Fact]
    public async Task Manual_runs_nothing_by_itself_a_dry_run_prints_and_resolve_runs()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Manual);
        BothSplit();

        resolver.Check();
        resolver.Requested("r0", "sb");
        var dry = resolver.Resolve("n2", dryRun: true, "root");

        Assert.Empty(_journal);
        Assert.Empty(_mails);
        Assert.True(dry.Ok);
        Assert.Contains("dry run, nothing runs: r0: discard the data of n2, keep n1's (an admin chose to discard n2's data)", dry.Text);
        Assert.Contains("  on n2: /sbin/drbdadm connect --discard-my-data r0", dry.Text);
        Assert.StartsWith("policy manual", resolver.Report()[0].Reason);
        Assert.Contains(_log.Lines, l => l.StartsWith("group files: split_brain_recovery: r0 (rule sb) not carried out: policy manual", StringComparison.Ordinal));

        var run = resolver.Resolve("n2", dryRun: false, "root");
        Eventually(() => resolver.Report()[0].Phase == "resyncing");

        Assert.True(run.Ok);
        Assert.Equal(6, _journal.Count);
        Assert.Contains("failoverctl splitbrain resolve --discard n2 by root", _mails[0].Body);
    }

    [Fact]
    public async Task Without_a_remote_runner_nothing_runs()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Survivor, "n1", withRunner: false);
        BothSplit();

        resolver.Check();

        Assert.Empty(_journal);
        Assert.Contains("no SSH access to the peer is configured", resolver.Report()[0].Reason);
    }

    [Fact]
    public async Task Last_primary_reads_the_peers_time_and_records_this_nodes()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.LastPrimary);
        _localStates = new() { ["r0"] = Split(primary: true) };
        resolver.Check(); // records n1 as Primary now (and runs nothing: the peer is unreachable)
        Assert.NotNull(LastPrimaryBook.Open(_dir).Of("r0"));
        Assert.Empty(_journal);

        _localStates = new() { ["r0"] = Split(primary: false) };
        _peer = new PeerDrbdView(new Dictionary<string, DrbdResourceState> { ["r0"] = Split(primary: false) },
            new Dictionary<string, DateTimeOffset> { ["r0"] = DateTimeOffset.UtcNow.AddHours(1) });
        var report = resolver.Report()[0];

        Assert.Equal("n1", report.Victim);
        Assert.StartsWith("n2 was Primary last", report.Reason);
    }

    [Fact]
    public async Task Standalone_without_a_report_is_not_split()
    {
        await using var resolver = Resolver(SplitBrainPolicyKind.Survivor, "n1");
        _localStates = new() { ["r0"] = Split() with { SplitBrain = false } };
        _peer = new PeerDrbdView(new Dictionary<string, DrbdResourceState> { ["r0"] = Split() with { SplitBrain = false, ConnectionState = "Connecting" } },
            new Dictionary<string, DateTimeOffset>());

        resolver.Check();

        Assert.Empty(_journal);
        Assert.False(resolver.Report()[0].Split);
        Assert.Contains("StandAlone but DRBD reported no split brain", resolver.Report()[0].Reason);
    }
}
