namespace Failover.LinkWatch.Tests;

/// <summary>What needs no root: an rtnetlink socket and a dump are open to any user, and lo is always there.</summary>
public sealed class LinkWatcherLoopbackTests
{
    [Fact]
    public async Task Learns_the_state_of_lo_before_Start_returns()
    {
        bool loUp = File.ReadAllText("/sys/class/net/lo/flags").Trim() is var flags
            && (Convert.ToUInt32(flags, 16) & 1) != 0
            && File.ReadAllText("/sys/class/net/lo/carrier").Trim() == "1";

        await using var watcher = LinkWatcher.Start(
            new Dictionary<string, LinkDelays> { ["lo"] = LinkDelays.Immediate, ["fxlAbsent0"] = LinkDelays.Immediate },
            TimeProvider.System);

        Assert.Equal(loUp, watcher.IsUp("lo"));
        Assert.False(watcher.IsUp("fxlAbsent0"));
        Assert.Equal(1, watcher.Dumps);
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        var watcher = LinkWatcher.Start(new Dictionary<string, LinkDelays>(), TimeProvider.System);

        await watcher.DisposeAsync();
        await watcher.DisposeAsync();
    }
}
