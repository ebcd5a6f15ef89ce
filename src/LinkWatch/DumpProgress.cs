namespace Failover.LinkWatch;

/// <summary>How far a receive buffer took our RTM_GETLINK dump.</summary>
internal enum DumpProgress
{
    /// <summary>No end of our dump in this buffer (it is still running, or none is).</summary>
    None,

    /// <summary>NLMSG_DONE: every interface has been reported.</summary>
    Done,

    /// <summary>The kernel refused or aborted the dump (see <see cref="LinkBatch.DumpError"/>).</summary>
    Failed,
}
