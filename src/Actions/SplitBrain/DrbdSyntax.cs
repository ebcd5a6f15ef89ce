namespace Failover.Actions.SplitBrain;

/// <summary>Which drbdadm the recovery commands are written for: the sequences differ (REFERENCE §3).</summary>
public enum DrbdSyntax
{
    Drbd9,
    Drbd84,
}
