using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Failover.Carp.Tests.Support;
using Xunit.Abstractions;

namespace Failover.LinkWatch.Tests.Root;

/// <summary>
/// The watcher against the real kernel: veth pairs in the root namespace, the peer end taken down and up
/// to drop and restore the carrier of the watched end.
/// </summary>
public sealed class LinkWatcherTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly VethPair _veth = VethPair.Create();
    private readonly BlockingCollection<(bool Up, long At)> _changes = [];

    [RootFact]
    public async Task Knows_every_state_at_start()
    {
        using var cut = VethPair.Create(peerUp: false);
        var slow = new LinkDelays(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        await using var watcher = Start(new()
        {
            [_veth.Watched] = slow, // the state at start counts at once, whatever the delays
            [cut.Watched] = slow,
            [cut.Peer] = LinkDelays.Immediate, // admin down
            ["fxlNoSuch0"] = LinkDelays.Immediate,
        });

        Assert.True(watcher.IsUp(_veth.Watched));
        Assert.False(watcher.IsUp(cut.Watched));
        Assert.False(watcher.IsUp(cut.Peer));
        Assert.False(watcher.IsUp("fxlNoSuch0"));
        Assert.Throws<ArgumentException>(() => watcher.IsUp("lo"));
        Assert.Throws<ArgumentException>(() => watcher.Subscribe("lo", _ => { }));
    }

    [RootFact]
    public async Task Reports_carrier_loss_and_return_within_milliseconds_without_polling()
    {
        // The clock never moves: with zero delays nothing may depend on it, so any report is pushed by the kernel.
        await using var watcher = Start(new() { [_veth.Watched] = LinkDelays.Immediate }, new ManualTimeProvider());
        using var subscription = watcher.Subscribe(_veth.Watched, Record);

        var downAfterExit = new List<double>();
        var downAfterStart = new List<double>();
        for (int cycle = 0; cycle < 10; cycle++)
        {
            _veth.SetPeer(up: false);
            var (started, ended) = _veth.LastCommand;
            var down = Next();
            Assert.False(down.Up);
            Assert.False(watcher.IsUp(_veth.Watched));
            downAfterStart.Add(Stopwatch.GetElapsedTime(started, down.At).TotalMilliseconds);
            downAfterExit.Add(Stopwatch.GetElapsedTime(ended, down.At).TotalMilliseconds);

            _veth.SetPeer(up: true);
            Assert.True(Next().Up);
            Assert.True(watcher.IsUp(_veth.Watched));
        }

        output.WriteLine($"ip link set peer down → callback: from ip's start {Summary(downAfterStart)}; from ip's exit {Summary(downAfterExit)}");
        Assert.All(downAfterExit, ms => Assert.True(ms < 50, $"{ms:0.0} ms after ip exited"));
        AssertQuiet();
    }

    [RootFact]
    public async Task A_link_that_drops_again_before_the_up_delay_never_comes_up()
    {
        var upDelay = TimeSpan.FromMilliseconds(600);
        await using var watcher = Start(new() { [_veth.Watched] = new LinkDelays(upDelay, TimeSpan.Zero) });
        using var subscription = watcher.Subscribe(_veth.Watched, Record);
        _veth.SetPeer(up: false);
        Assert.False(Next().Up);

        for (int flap = 0; flap < 3; flap++)
        {
            _veth.SetPeer(up: true);
            Thread.Sleep(150);
            _veth.SetPeer(up: false);
        }
        Assert.False(_changes.TryTake(out _, upDelay * 1.5));
        Assert.False(watcher.IsUp(_veth.Watched));

        _veth.SetPeer(up: true);
        long upAt = _veth.LastCommand.Started;
        var up = Next();
        Assert.True(up.Up);
        var waited = Stopwatch.GetElapsedTime(upAt, up.At);
        output.WriteLine($"held up: reported after {waited.TotalMilliseconds:0} ms (up delay {upDelay.TotalMilliseconds} ms)");
        Assert.InRange(waited, upDelay, upDelay + TimeSpan.FromMilliseconds(300));
    }

    [RootFact]
    public async Task A_dropout_shorter_than_the_down_delay_is_never_reported()
    {
        await using var watcher = Start(new() { [_veth.Watched] = new LinkDelays(TimeSpan.Zero, TimeSpan.FromMilliseconds(800)) });
        using var subscription = watcher.Subscribe(_veth.Watched, Record);

        _veth.SetPeer(up: false);
        Thread.Sleep(100);
        _veth.SetPeer(up: true);

        Assert.False(_changes.TryTake(out _, TimeSpan.FromMilliseconds(1200)));
        Assert.True(watcher.IsUp(_veth.Watched));
    }

    [RootFact]
    public async Task A_deleted_interface_is_down_and_watched_again_when_recreated()
    {
        await using var watcher = Start(new() { [_veth.Watched] = LinkDelays.Immediate });
        using var subscription = watcher.Subscribe(_veth.Watched, Record);

        _veth.Delete();
        Assert.False(Next().Up);
        Assert.False(watcher.IsUp(_veth.Watched));

        _veth.Make();
        Assert.True(Next().Up);
        Assert.True(watcher.IsUp(_veth.Watched));
        AssertQuiet();
    }

    [RootFact]
    public async Task A_link_renamed_to_a_watched_name_is_watched_under_it()
    {
        string renamed = "fxlC" + _veth.Watched[4..];
        await using var watcher = Start(new() { [_veth.Watched] = LinkDelays.Immediate, [renamed] = LinkDelays.Immediate });
        using var subscription = watcher.Subscribe(renamed, Record);
        var oldName = new BlockingCollection<bool>();
        using var oldSubscription = watcher.Subscribe(_veth.Watched, oldName.Add);

        _veth.Ip("link", "set", _veth.Watched, "down"); // the kernel renames only a downed link
        Assert.True(oldName.TryTake(out var wentDown, Patience) && !wentDown);
        _veth.Ip("link", "set", _veth.Watched, "name", renamed);
        _veth.Ip("link", "set", renamed, "up");

        Assert.True(Next().Up);
        Assert.True(watcher.IsUp(renamed));
        Assert.False(watcher.IsUp(_veth.Watched));
        _veth.Ip("link", "del", renamed);
    }

    [RootFact]
    public async Task After_the_kernel_drops_notices_a_fresh_dump_restores_the_truth()
    {
        // The smallest receive buffer the kernel allows holds two or three notices; a burst overflows it.
        await using var watcher = LinkWatcher.Start(
            new Dictionary<string, LinkDelays> { [_veth.Watched] = LinkDelays.Immediate }, TimeProvider.System, socketBufferBytes: 1);
        var script = Path.GetTempFileName();
        try
        {
            var burst = Enumerable.Range(0, 300).Select(i => $"link set {_veth.Peer} {(i % 2 == 0 ? "down" : "up")}");
            File.WriteAllLines(script, [.. burst, $"link set {_veth.Peer} down"]);
            _veth.Ip("-batch", script);
        }
        finally
        {
            File.Delete(script);
        }

        Assert.True(SpinWait.SpinUntil(() => !watcher.IsUp(_veth.Watched) && watcher.Dumps > watcher.Overflows, Patience));
        output.WriteLine($"overflows {watcher.Overflows}, dumps {watcher.Dumps}");
        Assert.True(watcher.Overflows > 0, "the burst did not overflow the socket");

        // The first wait can end while the kernel is still delivering (and dropping) the burst's tail:
        // let it go quiet before the last change, so that change is not lost in the same storm.
        for (int seen = -1; seen != watcher.Overflows;)
        {
            seen = watcher.Overflows;
            Thread.Sleep(500);
        }
        _veth.SetPeer(up: true);
        Assert.True(SpinWait.SpinUntil(() => watcher.IsUp(_veth.Watched), Patience * 2),
            $"still down after the storm: overflows {watcher.Overflows}, dumps {watcher.Dumps}");
    }

    public void Dispose() => _veth.Dispose();

    private static LinkWatcher Start(Dictionary<string, LinkDelays> interfaces, TimeProvider? time = null) =>
        LinkWatcher.Start(interfaces, time ?? TimeProvider.System);

    private void Record(bool up) => _changes.Add((up, Stopwatch.GetTimestamp()));

    private (bool Up, long At) Next() =>
        _changes.TryTake(out var change, Patience) ? change : throw new TimeoutException("no link change reported");

    private void AssertQuiet() => Assert.False(_changes.TryTake(out var extra, Quiet), $"unexpected change: {extra.Up}");

    private static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Count / 2]:0.0} ms, max {sorted[^1]:0.0} ms");
    }
}
