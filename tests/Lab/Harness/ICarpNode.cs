using Failover.Carp;

namespace Failover.Lab.Tests.Harness;

/// <summary>A lab node running a CARP speaker (ucarp or failoverd) for one group.</summary>
public interface ICarpNode
{
    LabNode Node { get; }

    LabGroup Group { get; }

    LabProcess Process { get; }

    /// <summary>The last state the speaker reported, or null before its first report.</summary>
    CarpState? State { get; }

    /// <summary>The next report (from output line <paramref name="startAt"/> on) of entering <paramref name="state"/>.</summary>
    Task<LabLine> WaitForState(CarpState state, TimeSpan timeout, int startAt = 0);

    /// <summary>Whether the group's first VIP is on the node's eth0 right now.</summary>
    bool HoldsVip();

    /// <summary>SIGTERM, then SIGKILL after a grace time.</summary>
    Task Stop();
}
