using System.Net;
using Failover.Daemon.Config;

namespace Failover.Daemon.Runtime;

/// <summary>The network side of one group: what <see cref="GroupRuntime"/> does to the wire and the interface.</summary>
public interface IGroupNetwork : IDisposable
{
    /// <summary>Sends one advertisement packet (IP header included).</summary>
    void SendAdvertisement(ReadOnlySpan<byte> packet);

    /// <summary>Waits for the next CARP packet (IP header included).</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    void AddVip(VipAddress vip);
    void RemoveVip(VipAddress vip);
    void SendGratuitousArp(IPAddress vip);
}
