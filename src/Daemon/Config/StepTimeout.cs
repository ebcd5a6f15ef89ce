namespace Failover.Daemon.Config;

/// <summary>The <c>timeout</c> every step may have beside its kind key.</summary>
internal static class StepTimeout
{
    public const string Key = "timeout";

    private static readonly TimeSpan Max = TimeSpan.FromHours(24);

    /// <returns>The given timeout, <paramref name="fallback"/> when none is given, or null after reporting a wrong one.</returns>
    public static TimeSpan? Read(KeyedMapping map, TimeSpan fallback, ValueReader read) =>
        map.Optional(Key) is { } node ? read.Duration(node, Key, TimeSpan.FromMilliseconds(1), Max) : fallback;
}
