namespace Failover.Monitors.Health;

/// <summary>The settled health of a probed service.</summary>
public enum ServiceHealth
{
    /// <summary>Not known yet: nothing has been decided since start (rules must not read this as up).</summary>
    Unknown,
    Up,
    Down,
}
