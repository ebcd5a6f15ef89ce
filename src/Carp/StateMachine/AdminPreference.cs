namespace Failover.Carp.StateMachine;

/// <summary>What an admin asked of this node for one group, until asked otherwise (failoverctl clear).</summary>
public enum AdminPreference
{
    /// <summary>Run as configured.</summary>
    None,

    /// <summary>
    /// `failoverctl release`: hand the VIPs over and don't preempt to get them back. The node still
    /// takes over when no master is heard at all: a released node is a backup, not a dead one.
    /// </summary>
    StayBackup,

    /// <summary>
    /// `failoverctl takeover`: become master now and stay master by advertising advskew 0 (better than
    /// any configured skew), preempting as needed, until released or cleared.
    /// </summary>
    StayMaster,
}
