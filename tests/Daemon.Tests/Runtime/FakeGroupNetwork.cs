using System.Net;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>Records what the runtime does to the network; the test feeds packets in directly.</summary>
internal sealed class FakeGroupNetwork : IGroupNetwork
{
    public List<string> Events { get; } = [];
    public List<byte[]> Adverts { get; } = [];
    public bool Disposed { get; private set; }

    public void SendAdvertisement(ReadOnlySpan<byte> packet)
    {
        Adverts.Add(packet.ToArray());
        Events.Add("advert");
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public void AddVip(VipAddress vip) => Events.Add($"add {vip}");
    public void RemoveVip(VipAddress vip) => Events.Add($"remove {vip}");
    public void SendGratuitousArp(IPAddress vip) => Events.Add($"garp {vip}");
    public void Dispose() => Disposed = true;

    public int Count(string prefix) => Events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
}
