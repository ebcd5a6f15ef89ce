using System.Net;
using Failover.Carp;
using Failover.Carp.Tests.Support;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>Standby and maintenance on one group's I/O shell, with a manual clock and a fake network.</summary>
public sealed class GroupModesTests : IAsyncDisposable
{
    private static readonly IPAddress Us = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");
    private static readonly TimeSpan DeadInterval = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(50 * 1_000_000L / 256);
    private readonly ManualTimeProvider _clock = new();
    private readonly FakeGroupNetwork _network = new();
    private readonly FakeLinkWatch _links = new();
    private readonly LogLines _log = new();
    private readonly GroupConfig _config;
    private readonly GroupRuntime _group;

    public GroupModesTests()
    {
        var loaded = ConfigLoader.Parse("""
            groups:
              - name: web
                vhid: 42
                interface: eth0
                password: secret
                advskew: 50
                vips: [192.0.2.100/24]
            """, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        _config = loaded.Config!.Groups[0];
        _group = new GroupRuntime(_config, _network, _links, Us, _clock, _log.Factory);
    }

    private void Settle() => Assert.True(_group.WhenChainsIdleAsync().Wait(TimeSpan.FromSeconds(10)), "chains still running");

    private void BecomeMaster()
    {
        _group.Begin();
        _clock.Advance(DeadInterval);
        Settle();
        Assert.Equal(CarpState.Master, _group.Status().State);
        _network.Events.Clear();
    }

    [Fact]
    public void Standby_makes_a_master_bow_out_and_sets_the_standby_fact()
    {
        BecomeMaster();

        _group.SetStandby("node in standby");
        Settle();

        Assert.Equal(CarpState.Backup, _group.Status().State);
        Assert.Equal(["advert", "remove 192.0.2.100/24", "remove 192.0.2.100/24"], _network.Events);
        Assert.True(_group.Facts().Standby);
        Assert.False(_group.TryTakeOver(out var refusal));
        Assert.Contains("node in standby", refusal);
    }

    [Fact]
    public void A_group_begun_in_standby_never_takes_over()
    {
        _group.SetStandby("node in standby");
        _group.Begin();

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(CarpState.Backup, _group.Status().State);
        Assert.Empty(_network.Adverts);
    }

    [Fact]
    public void A_master_in_maintenance_keeps_its_vips_and_advertising_when_a_better_master_appears_and_yields_after()
    {
        BecomeMaster();
        _group.SetMaintenance(true);
        Assert.True(_group.Facts().Maintenance);

        _group.OnPacket(PeerAdverts.Packet(Peer, 0, "secret", 255));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Settle();

        Assert.Equal(CarpState.Master, _group.Status().State);
        Assert.DoesNotContain(_network.Events, e => e.StartsWith("remove", StringComparison.Ordinal));
        Assert.True(_network.Count("advert") >= 2);
        Assert.Contains(_log.Lines, l => l.StartsWith("group web: maintenance: would have gone BACKUP (preferred master 192.0.2.1 advertised", StringComparison.Ordinal));

        _group.SetMaintenance(false);
        _group.OnPacket(PeerAdverts.Packet(Peer, 0, "secret", 255));
        Settle();

        Assert.Equal(CarpState.Backup, _group.Status().State);
        Assert.False(_group.Facts().Maintenance);
    }

    [Fact]
    public void A_backup_begun_in_maintenance_runs_no_chain_and_takes_over_when_it_ends()
    {
        _group.SetMaintenance(true);
        _group.Begin();
        Settle();
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(CarpState.Backup, _group.Status().State);
        Assert.Null(_group.Status().LastChain);

        _group.SetMaintenance(false);
        Settle();

        Assert.Equal(CarpState.Master, _group.Status().State);
        Assert.Contains("(withheld during maintenance)", _group.Status().LastTransition!.Reason);
    }

    public async ValueTask DisposeAsync() => await _group.DisposeAsync();
}
