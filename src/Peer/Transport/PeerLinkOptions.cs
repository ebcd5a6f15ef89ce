using System.Net;
using Failover.Peer.Wire;

namespace Failover.Peer.Transport;

/// <summary>One side of a node pair's channel.</summary>
public sealed record PeerLinkOptions
{
    public required string LocalNode { get; init; }
    public required string PeerNode { get; init; }
    public required PeerKey Key { get; init; }

    /// <summary>Where this node accepts the peer's connection (port 0: any, see <see cref="PeerLink.LocalEndPoint"/>).</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The peer's listening address.</summary>
    public required EndPoint Peer { get; init; }

    /// <summary>A snapshot is sent this often, and at once when it changes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No valid frame for this long: the peer is unreachable. Default: 3 × <see cref="Interval"/>.</summary>
    public TimeSpan? Silence { get; init; }

    /// <summary>Accepted difference between a frame's timestamp and this node's clock.</summary>
    public TimeSpan TimeWindow { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connect plus handshake must finish within this.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int MaxFrameSize { get; init; } = PeerFrameCodec.DefaultMaxFrameSize;

    /// <summary>Inbound connections served at once; more are closed unread, so a flood cannot exhaust the node.</summary>
    public int MaxInboundConnections { get; init; } = 8;

    /// <summary>One line per connection event and reject (e.g. an ILogger's LogInformation); must not block.</summary>
    public Action<string>? Log { get; init; }

    public TimeSpan EffectiveSilence => Silence ?? Interval * 3;
}
