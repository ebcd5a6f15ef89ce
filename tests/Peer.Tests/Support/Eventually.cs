using System.Diagnostics;

namespace Failover.Peer.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; the time it took, or a failure naming <paramref name="what"/>.</summary>
    public static async Task<TimeSpan> Holds(Func<bool> condition, string what, double seconds = 15)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds))
                Assert.Fail($"not within {seconds} s: {what}");
            await Task.Delay(10);
        }
        return watch.Elapsed;
    }
}
