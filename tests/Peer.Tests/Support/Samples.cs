using Failover.Peer.Snapshot;
using Failover.Peer.Wire;

namespace Failover.Peer.Tests.Support;

internal static class Samples
{
    public static readonly PeerKey Key = PeerKey.FromSecret("love"u8);
    public static readonly PeerKey WrongKey = PeerKey.FromSecret("lovf"u8);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    public const long Now = 1_790_000_000_000;

    public static byte[] Nonce(byte fill) => Enumerable.Repeat(fill, PeerGreeting.NonceSize).ToArray();

    public static PeerSnapshot Snapshot(string node, string state = "Master", string health = "Up") => new()
    {
        Node = node,
        Version = "0.1.0",
        Groups =
        [
            new PeerGroupSnapshot
            {
                Name = "samba",
                State = state,
                LinkUp = true,
                Probes = [new PeerProbeSnapshot("smb", "samba", health, "dialect 0x0302")],
                Drbd = [new PeerDrbdSnapshot("r0", "Connected", "Primary", "Secondary", "UpToDate", "UpToDate")],
            },
        ],
    };
}
