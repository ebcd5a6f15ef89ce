using System.Net;

namespace Failover.Monitors.Dhcp;

/// <summary>What a <see cref="DhcpProbe"/> sends and what it accepts as healthy (REFERENCE §4).</summary>
public sealed record DhcpProbeOptions
{
    public DhcpProbeMode Mode { get; init; } = DhcpProbeMode.RelayDiscover;

    /// <summary>The DHCP server, unicast to.</summary>
    public required IPAddress Server { get; init; }

    public int ServerPort { get; init; } = 67;

    /// <summary>The address the probe binds and names in the request: giaddr in relay mode, ciaddr for
    /// INFORM. It must be an address of this host that the server can route replies to, and for relay mode
    /// one inside (or relayed for) a subnet the server has a pool for, else the server stays silent.</summary>
    public required IPAddress LocalAddress { get; init; }

    /// <summary>The local port; null means the protocol's: 67 for relay mode (replies go to giaddr:67),
    /// 68 for INFORM (the ACK goes to ciaddr:68). Both need root (or CAP_NET_BIND_SERVICE); tests use a
    /// high port or 0 against a server that answers the source port.</summary>
    public int? LocalPort { get; init; }

    /// <summary>If set, the reply's server identifier (option 54) must be this address: a rogue or the
    /// wrong server answering is then a failure.</summary>
    public IPAddress? ExpectedServerId { get; init; }

    /// <summary>chaddr and client identifier. A fixed, locally administered MAC (02:…) so the server keeps
    /// offering the same address instead of reserving a new one per probe.</summary>
    public byte[] ClientHardwareAddress { get; init; } = [0x02, 0x66, 0x78, 0x64, 0x00, 0x01];

    /// <summary>The probe's own deadline; keep it a little below the runner's timeout so a silent server is
    /// reported with the probe's detail (ignored replies) rather than the runner's bare "no answer".</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    internal int EffectiveLocalPort => LocalPort ?? (Mode == DhcpProbeMode.RelayDiscover ? 67 : 68);
}
