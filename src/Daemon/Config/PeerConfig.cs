using System.Net;

namespace Failover.Daemon.Config;

/// <summary>The other failoverd of the pair and the channel over which the two exchange their facts.</summary>
/// <param name="Node">The peer's node name, as its own <c>node: name</c> says.</param>
/// <param name="Address">Where the peer listens.</param>
/// <param name="Port">The channel's TCP port, the same on both nodes.</param>
/// <param name="Listen">Where this node accepts the peer's connection (<see cref="IPAddress.Any"/>: every address).</param>
/// <param name="SecretFile">The channel secret's file; null: the key is derived from every group's CARP password.</param>
/// <param name="Secret">The content of <paramref name="SecretFile"/>; null when none is configured.</param>
public sealed record PeerConfig(
    string Node,
    IPAddress Address,
    int Port,
    IPAddress Listen,
    string? SecretFile,
    byte[]? Secret,
    TimeSpan Interval,
    TimeSpan Silence)
{
    public const int DefaultPort = 7420;

    /// <summary>A secret file shorter than this is refused: the channel key is only as strong as its secret.</summary>
    public const int MinSecretBytes = 16;

    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(1);
}
