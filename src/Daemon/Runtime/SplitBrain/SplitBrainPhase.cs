namespace Failover.Daemon.Runtime;

/// <summary>Where one resource's recovery is, on this node.</summary>
public enum SplitBrainPhase
{
    Idle,
    Running,

    /// <summary>The commands ran; waiting for both disks UpToDate.</summary>
    Resyncing,

    /// <summary>A command failed: nothing runs by itself until the split brain clears or an admin resolves.</summary>
    Failed,
}
