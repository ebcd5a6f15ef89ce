namespace Failover.Monitors.Drbd;

/// <summary>A node's role for one resource. <see cref="Unknown"/> is the default: DRBD prints it for an
/// unreachable peer, and we use it too for anything absent or unrecognised.</summary>
public enum DrbdRole
{
    Unknown = 0,
    Primary,
    Secondary,
}
