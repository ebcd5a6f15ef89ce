using Failover.Peer.Session;
using Failover.Peer.Snapshot;
using Failover.Peer.Tests.Support;
using Failover.Peer.Wire;

namespace Failover.Peer.Tests.Wire;

/// <summary>Random and mutated input never throws and is always rejected with a reason (seeded, so failures repeat).</summary>
public sealed class DecoderFuzzTests
{
    private const int Rounds = 20_000;

    [Fact]
    public void Random_bytes_are_rejected_without_throwing()
    {
        var random = new Random(6);
        var reasons = new Dictionary<PeerRejectReason, int>();
        for (var n = 0; n < Rounds; n++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            // Give two thirds a valid magic, half of those a valid version, so the deeper checks are reached.
            if (bytes.Length >= 3 && n % 3 != 2)
                (bytes[0], bytes[1]) = ((byte)'F', (byte)'P');
            if (bytes.Length >= 3 && n % 3 == 0)
                bytes[2] = PeerFrameCodec.Version;
            var reason = PeerFrameCodec.Decode(bytes, Samples.Key, PeerDirection.FromInitiator, 1024, out var frame);
            Assert.NotEqual(PeerRejectReason.None, reason);
            Assert.Null(frame);
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        Assert.Superset(new HashSet<PeerRejectReason> { PeerRejectReason.Truncated, PeerRejectReason.Malformed, PeerRejectReason.Oversize, PeerRejectReason.BadVersion },
            reasons.Keys.ToHashSet());
    }

    [Fact]
    public void Mutated_frames_are_rejected_by_the_session_without_throwing()
    {
        var random = new Random(7);
        var seen = new RecentNonces(Samples.Window);
        var initiator = PeerSession.Initiate("varda", "manwe", Samples.Key, Samples.Nonce(1), Samples.Window);
        var responder = PeerSession.Respond("manwe", "varda", Samples.Key, Samples.Nonce(2), Samples.Window, seen);
        var hello = initiator.Hello(Samples.Now);
        var welcome = responder.Receive(hello, Samples.Now).Reply!;
        initiator.Receive(welcome, Samples.Now);
        var body = PeerSnapshotCodec.Encode(Samples.Snapshot("varda"));
        var reasons = new Dictionary<PeerRejectReason, int>();
        for (var n = 0; n < Rounds; n++)
        {
            var good = initiator.Seal(PeerFrameType.Snapshot, body, Samples.Now);
            var bad = Mutate(random, good);
            if (bad.AsSpan().SequenceEqual(good))
                continue;
            var receipt = responder.Receive(bad, Samples.Now);
            Assert.False(receipt.Accepted);
            reasons[receipt.Reject] = reasons.GetValueOrDefault(receipt.Reject) + 1;
        }
        Assert.Contains(PeerRejectReason.BadMac, reasons.Keys);
        Assert.Contains(PeerRejectReason.Truncated, reasons.Keys);
        // The session survived the noise: the next genuine frame is accepted.
        Assert.True(responder.Receive(initiator.Seal(PeerFrameType.Snapshot, body, Samples.Now), Samples.Now).Accepted);
    }

    [Fact]
    public void Mutated_greetings_and_snapshot_bodies_never_throw()
    {
        var random = new Random(8);
        var greeting = new PeerGreeting(Samples.Nonce(1), Samples.Nonce(2), "varda", "manwe").Encode();
        var json = PeerSnapshotCodec.Encode(Samples.Snapshot("varda"));
        for (var n = 0; n < Rounds / 4; n++)
        {
            _ = PeerGreeting.TryDecode(Mutate(random, greeting), withEcho: n % 2 == 0);
            _ = PeerSnapshotCodec.TryDecode(Mutate(random, json));
        }
    }

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = (byte[])input.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var k = random.Next(1, 4); k > 0; k--)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                var extra = new byte[random.Next(1, 20)];
                random.NextBytes(extra);
                return [.. bytes, .. extra];
            default:
                var at = random.Next(bytes.Length);
                bytes[at] ^= (byte)(1 << random.Next(8));
                return bytes;
        }
    }
}
