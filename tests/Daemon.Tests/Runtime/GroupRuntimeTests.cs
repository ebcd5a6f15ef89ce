using System.Net;
using Failover.Actions.Chains;
using Failover.Carp;
using Failover.Carp.Protocol;
using Failover.Carp.Tests.Support;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>
/// The I/O shell around the state machine, driven by a manual clock and a fake network: what goes
/// on the wire and on the interface, and when.
/// </summary>
public sealed class GroupRuntimeTests : IAsyncDisposable
{
    private static readonly IPAddress Us = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");
    private readonly ManualTimeProvider _clock = new();
    private readonly FakeGroupNetwork _network = new();
    private readonly FakeLinkWatch _links = new();
    private readonly GroupConfig _config;
    private readonly GroupRuntime _group;

    public GroupRuntimeTests()
    {
        var loaded = ConfigLoader.Parse("""
            groups:
              - name: web
                vhid: 42
                interface: eth0
                password: secret
                advskew: 50
                vips: [192.0.2.100/24, 192.0.2.101/24]
            """, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        _config = loaded.Config!.Groups[0];
        _group = new GroupRuntime(_config, _network, _links, Us, _clock, NullLoggerFactory.Instance);
        _group.Begin();
        Settle();
    }

    /// <summary>What a backup does to its VIPs: removes them at once, then again in its on_backup's vip step (idempotent).</summary>
    private static readonly string[] RemovedTwice =
        ["remove 192.0.2.100/24", "remove 192.0.2.101/24", "remove 192.0.2.100/24", "remove 192.0.2.101/24"];

    private static readonly TimeSpan DeadInterval = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(50 * 1_000_000L / 256);

    private void TakeOver()
    {
        _clock.Advance(DeadInterval);
        Assert.Equal(CarpState.Master, _group.Status().State);
        Settle();
    }

    /// <summary>Waits for the chains (and the VIP moves they make) to finish.</summary>
    private void Settle() => Assert.True(_group.WhenChainsIdleAsync().Wait(TimeSpan.FromSeconds(10)), "chains still running");

    private static byte[] PeerAdvert(byte advskew, string password = "secret", byte ttl = 255) =>
        PeerAdverts.Packet(Peer, advskew, password, ttl);

    [Fact]
    public void Starts_in_backup_and_removes_stale_vips_at_once_and_again_in_its_on_backup_without_advertising()
    {
        Assert.Equal(CarpState.Backup, _group.Status().State);
        Assert.Equal(RemovedTwice, _network.Events);
        Assert.Equal(["vip remove"], _group.Status().LastChain!.Steps.Select(s => s.Step));
    }

    [Fact]
    public void Takes_over_after_the_dead_interval_advertising_then_adding_the_vips_and_announcing_them()
    {
        _clock.Advance(DeadInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CarpState.Backup, _group.Status().State);
        _network.Events.Clear();

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Settle();

        Assert.Equal(CarpState.Master, _group.Status().State);
        Assert.Equal(["advert", "add 192.0.2.100/24", "add 192.0.2.101/24", "garp 192.0.2.100", "garp 192.0.2.101"], _network.Events);
        var chain = _group.Status().LastChain!;
        Assert.Equal((ChainKind.VipUp, ChainOutcome.Succeeded), (chain.Kind, chain.Outcome));
        Assert.Equal("added 192.0.2.100/24, 192.0.2.101/24", Assert.Single(chain.Steps).Detail);
    }

    [Fact]
    public void Adverts_on_the_wire_pass_ucarps_checks_with_our_timing()
    {
        TakeOver();
        var key = new CarpKey("secret"u8, 42, IPAddress.Parse("192.0.2.100"));
        var result = CarpReceiveCheck.Check(_network.Adverts[0], Peer, vhid => vhid == 42 ? key : null);

        Assert.True(result.IsAccepted, result.Reason?.ToString());
        Assert.Equal(Us, result.Advertisement.Source);
        Assert.Equal(new CarpTiming(1, 50), result.Advertisement.Header.Timing);
    }

    [Fact]
    public void Master_advertises_every_advbase_plus_skew()
    {
        TakeOver();
        _clock.Advance(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(600));
        Assert.Equal(1 + 3, _network.Adverts.Count);
    }

    [Fact]
    public void Takeover_announces_in_a_burst_then_again_after_repeat_after()
    {
        TakeOver();
        _network.Events.Clear();
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(2 * 4, _network.Count("garp")); // rounds 2..5 of the first burst, both VIPs each

        _network.Events.Clear();
        _clock.Advance(TimeSpan.FromSeconds(4));      // up to 4.9 s: only ucarp's delayed GARP after the 2nd advert
        Assert.Equal(2 * 1, _network.Count("garp"));

        _network.Events.Clear();
        _clock.Advance(TimeSpan.FromSeconds(1));      // the repeat burst at 5 s
        Assert.Equal(2 * 5, _network.Count("garp"));
    }

    [Fact]
    public void Master_yields_to_a_better_peer_sending_one_more_advert_and_removing_its_vips()
    {
        TakeOver();
        _network.Events.Clear();

        _group.OnPacket(PeerAdvert(advskew: 0));
        Settle();

        var status = _group.Status();
        Assert.Equal(CarpState.Backup, status.State);
        Assert.Equal("192.0.2.1", status.Master);
        Assert.Equal(["advert", .. RemovedTwice], _network.Events);
        Assert.Equal(1, status.AdvertsReceived);
    }

    [Fact]
    public void Garp_burst_stops_when_the_group_leaves_master()
    {
        TakeOver();
        _group.OnPacket(PeerAdvert(advskew: 0));
        Settle();
        _network.Events.Clear();
        _clock.Advance(TimeSpan.FromSeconds(3)); // less than the dead interval: no new takeover
        Assert.Equal(0, _network.Count("garp"));
    }

    [Fact]
    public void Link_loss_steps_down_at_once_and_link_return_waits_a_full_dead_interval()
    {
        TakeOver();
        _network.Events.Clear();

        _links.Set("eth0", up: false);
        Settle();

        var status = _group.Status();
        Assert.Equal(CarpState.Backup, status.State);
        Assert.False(status.LinkUp);
        Assert.Equal("link down", status.LastTransition!.Reason);
        Assert.Equal(RemovedTwice, _network.Events);

        _clock.Advance(TimeSpan.FromSeconds(10));     // no takeover while the cable is out
        Assert.Equal(CarpState.Backup, _group.Status().State);

        _links.Set("eth0", up: true);
        _clock.Advance(DeadInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CarpState.Backup, _group.Status().State);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(CarpState.Master, _group.Status().State);
    }

    [Fact]
    public async Task A_group_whose_link_is_down_at_start_never_takes_over_and_stops_listening_when_stopped()
    {
        var links = new FakeLinkWatch();
        links.Set("eth0", up: false);
        var group = new GroupRuntime(_config, new FakeGroupNetwork(), links, Us, _clock, NullLoggerFactory.Instance);
        group.Begin();

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(CarpState.Backup, group.Status().State);
        Assert.False(group.Status().LinkUp);

        await group.DisposeAsync();
        Assert.Equal(0, links.Subscribers);
    }

    [Fact]
    public void Rejected_packets_are_counted_by_reason_and_change_nothing()
    {
        _group.OnPacket(PeerAdvert(advskew: 0, password: "wrong"));
        _group.OnPacket(PeerAdvert(advskew: 0, password: "wrong"));
        _group.OnPacket(PeerAdvert(advskew: 0, ttl: 254));
        _group.OnPacket([1, 2, 3]);

        var status = _group.Status();
        Assert.Equal(2, status.Rejected["bad_hmac"]);
        Assert.Equal(1, status.Rejected["bad_ttl"]);
        Assert.Equal(1, status.Rejected["malformed"]);
        Assert.Equal(0, status.AdvertsReceived);
        Assert.Null(status.Master);
    }

    [Fact]
    public async Task Stopping_as_master_bows_out_then_removes_vips_and_runs_on_backup_before_closing()
    {
        TakeOver();
        _network.Events.Clear();

        await _group.DisposeAsync();

        Assert.Equal(["advert", .. RemovedTwice], _network.Events);
        Assert.Equal((ChainKind.VipDown, "shutdown"), (_group.Status().LastChain!.Kind, _group.Status().LastChain!.Reason));
        Assert.Equal(CarpTiming.BowOut, CarpHeader.Read(_network.Adverts[^1].AsSpan(20)).Timing);
        Assert.True(_network.Disposed);
    }

    [Fact]
    public async Task Stopping_as_backup_sends_nothing()
    {
        _network.Events.Clear();
        await _group.DisposeAsync();
        Assert.Empty(_network.Events);
    }

    [Fact]
    public void Release_bows_out_removes_the_vips_and_shows_the_preference()
    {
        TakeOver();
        _network.Events.Clear();

        _group.Release();
        Settle();

        Assert.Equal(["advert", .. RemovedTwice], _network.Events);
        Assert.Equal(CarpTiming.BowOut, CarpHeader.Read(_network.Adverts[^1].AsSpan(20)).Timing);
        var status = _group.Status();
        Assert.Equal(CarpState.Backup, status.State);
        Assert.Equal(Failover.Carp.StateMachine.AdminPreference.StayBackup, status.Preference);
    }

    [Fact]
    public void Takeover_takes_the_vips_at_once_and_advertises_advskew_0()
    {
        _group.OnPacket(PeerAdvert(advskew: 20));
        _network.Events.Clear();

        Assert.True(_group.TryTakeOver(out var refusal), refusal);
        Settle();

        Assert.Equal(CarpState.Master, _group.Status().State);
        Assert.Equal(["advert", "add 192.0.2.100/24", "add 192.0.2.101/24", "garp 192.0.2.100", "garp 192.0.2.101"], _network.Events);
        Assert.Equal(new CarpTiming(1, 0), CarpHeader.Read(_network.Adverts[^1].AsSpan(20)).Timing);
    }

    [Fact]
    public void Takeover_against_an_unbeatable_master_is_refused_with_the_reason()
    {
        _group.OnPacket(PeerAdvert(advskew: 0));
        Assert.False(_group.TryTakeOver(out var refusal));
        Assert.Contains("192.0.2.1", refusal);
        Assert.Equal(CarpState.Backup, _group.Status().State);
    }

    public async ValueTask DisposeAsync() => await _group.DisposeAsync();
}
