namespace Failover.Monitors.Drbd;

/// <summary>Where a <see cref="DrbdEvents2Stream"/> stands.</summary>
internal enum DrbdStreamPhase
{
    /// <summary>A drbdsetup is starting or running and has not ended its initial dump: the state is not known yet.</summary>
    AwaitingDump,

    /// <summary>The dump is complete and the stream keeps the state current.</summary>
    Live,

    /// <summary>drbdsetup exited, could not start or was killed, and waits to be restarted: the state is unknown.</summary>
    Down,
}
