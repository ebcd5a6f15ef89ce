namespace Failover.Monitors.Drbd;

/// <summary>A kernel log line saying DRBD found a split brain it did not resolve, and the device it names.</summary>
/// <param name="Minor">/dev/drbdN, when the line names a device (8.x always does for this message).</param>
/// <param name="Resource">The 9.x resource name, when the line names one.</param>
/// <param name="Volume">The 9.x volume, when the line names one.</param>
public sealed record DrbdSplitBrainMessage(int? Minor, string? Resource, int? Volume);
