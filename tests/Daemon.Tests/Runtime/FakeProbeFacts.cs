using System.Collections.Immutable;
using Failover.Daemon.Runtime;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Facts;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>Probe and DRBD facts the test sets; each change is announced as the monitors announce theirs.</summary>
internal sealed class FakeProbeFacts : IGroupProbeFacts
{
    private readonly Lock _lock = new();
    private ImmutableSortedDictionary<string, ProbeFact> _probes = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, ProbeFact> _forPeer = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal);
    private IReadOnlyList<DrbdResourceState> _drbd = [Healthy];
    private long _reads;

    public static DrbdResourceState Healthy { get; } = new()
    {
        Name = "r0", Minor = 0, Volume = 0, ConnectionState = "Connected",
        LocalRole = DrbdRole.Secondary, PeerRole = DrbdRole.Primary,
        LocalDisk = DrbdDiskState.UpToDate, PeerDisk = DrbdDiskState.UpToDate,
    };

    public event Action? Changed;

    public long DrbdReads => Interlocked.Read(ref _reads);

    public ImmutableSortedDictionary<string, ProbeFact> Probes()
    {
        lock (_lock)
            return _probes;
    }

    public ImmutableSortedDictionary<string, ProbeFact> ForPeer()
    {
        lock (_lock)
            return _forPeer;
    }

    /// <summary>A for-peer monitor's health: this node's measurement of the peer.</summary>
    public void SetForPeer(string probe, ServiceHealth health, string reason = "as the test says")
    {
        lock (_lock)
            _forPeer = _forPeer.SetItem(probe, new ProbeFact("dhcp", health, reason));
        Changed?.Invoke();
    }

    public ImmutableSortedDictionary<string, DrbdResourceState> Drbd()
    {
        lock (_lock)
            return DrbdFactNames.Collect(["r0"], _drbd);
    }

    public void Set(string probe, ServiceHealth health, string reason = "as the test says")
    {
        lock (_lock)
            _probes = _probes.SetItem(probe, new ProbeFact("exec", health, reason));
        Changed?.Invoke();
    }

    /// <summary>What DRBD reports for r0 (nothing at all: none), as a drbd monitor's read.</summary>
    public void SetDrbd(params DrbdResourceState[] states)
    {
        lock (_lock)
        {
            _drbd = states;
            _reads++;
        }
        Changed?.Invoke();
    }
}
