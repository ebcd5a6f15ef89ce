namespace Failover.Peer.Wire;

/// <summary>One verified frame: what <see cref="PeerFrameCodec.Decode"/> returns.</summary>
/// <param name="Timestamp">The writer's clock, Unix milliseconds.</param>
public sealed record PeerFrame(PeerFrameType Type, ulong Sequence, long Timestamp, byte[] Body);
