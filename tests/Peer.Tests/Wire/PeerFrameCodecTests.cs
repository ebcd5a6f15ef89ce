using Failover.Peer.Tests.Support;
using Failover.Peer.Wire;

namespace Failover.Peer.Tests.Wire;

public sealed class PeerFrameCodecTests
{
    private static readonly PeerFrame Sample = new(PeerFrameType.Snapshot, 0x0102030405060708, Samples.Now, "{\"x\":1}"u8.ToArray());
    private const int Max = PeerFrameCodec.DefaultMaxFrameSize;

    private static byte[] Encoded() => PeerFrameCodec.Encode(Sample, Samples.Key, PeerDirection.FromInitiator);

    [Fact]
    public void Round_trips_and_lays_out_the_header_big_endian()
    {
        var bytes = Encoded();
        Assert.Equal(PeerFrameCodec.Overhead + 7, bytes.Length);
        Assert.Equal(Convert.FromHexString("4650010300000007" + "0102030405060708" + Samples.Now.ToString("x16")), bytes[..24]);
        Assert.Equal(PeerRejectReason.None, PeerFrameCodec.Decode(bytes, Samples.Key, PeerDirection.FromInitiator, Max, out var frame));
        Assert.Equal(Sample.Type, frame!.Type);
        Assert.Equal(Sample.Sequence, frame.Sequence);
        Assert.Equal(Sample.Timestamp, frame.Timestamp);
        Assert.Equal(Sample.Body, frame.Body);
    }

    [Fact]
    public void Wrong_key_is_a_bad_mac()
    {
        Assert.Equal(PeerRejectReason.BadMac, PeerFrameCodec.Decode(Encoded(), Samples.WrongKey, PeerDirection.FromInitiator, Max, out var frame));
        Assert.Null(frame);
    }

    [Fact]
    public void A_frame_reflected_to_its_writer_is_a_bad_mac()
    {
        Assert.Equal(PeerRejectReason.BadMac, PeerFrameCodec.Decode(Encoded(), Samples.Key, PeerDirection.FromResponder, Max, out _));
    }

    [Fact]
    public void Every_single_bit_flip_is_rejected()
    {
        var good = Encoded();
        for (var i = 0; i < good.Length * 8; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i / 8] ^= (byte)(1 << (i % 8));
            Assert.NotEqual(PeerRejectReason.None, PeerFrameCodec.Decode(bad, Samples.Key, PeerDirection.FromInitiator, Max, out _));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(62)]
    public void Truncated_frames_are_refused(int length)
    {
        Assert.Equal(PeerRejectReason.Truncated, PeerFrameCodec.Decode(Encoded()[..length], Samples.Key, PeerDirection.FromInitiator, Max, out _));
    }

    [Fact]
    public void Trailing_bytes_are_malformed()
    {
        byte[] longer = [.. Encoded(), 0];
        Assert.Equal(PeerRejectReason.Malformed, PeerFrameCodec.Decode(longer, Samples.Key, PeerDirection.FromInitiator, Max, out _));
    }

    [Theory]
    [InlineData(0, 0x47, PeerRejectReason.Malformed)]
    [InlineData(2, 0x02, PeerRejectReason.BadVersion)]
    [InlineData(3, 0x09, PeerRejectReason.Malformed)]
    [InlineData(4, 0x01, PeerRejectReason.Oversize)]
    public void Header_checks_come_before_the_mac(int offset, byte value, PeerRejectReason expected)
    {
        var bytes = Encoded();
        bytes[offset] = value;
        Assert.Equal(expected, PeerFrameCodec.Decode(bytes, Samples.Key, PeerDirection.FromInitiator, Max, out _));
    }

    [Fact]
    public void Measure_refuses_an_oversize_frame_from_its_header_alone()
    {
        var big = PeerFrameCodec.Encode(Sample with { Body = new byte[200] }, Samples.Key, PeerDirection.FromInitiator);
        Assert.Equal(PeerRejectReason.Oversize, PeerFrameCodec.Measure(big.AsSpan(0, 24), maxFrameSize: 255, out _));
        Assert.Equal(PeerRejectReason.None, PeerFrameCodec.Measure(big.AsSpan(0, 24), maxFrameSize: 256, out var size));
        Assert.Equal(256, size);
    }

    [Fact]
    public void The_channel_key_is_derived_not_the_password()
    {
        var material = new byte[PeerKey.Size];
        "love"u8.CopyTo(material);
        Assert.NotEqual(material, Samples.Key.Bytes.ToArray());
        Assert.Equal(Samples.Key.Bytes.ToArray(), PeerKey.FromSecret("love"u8).Bytes.ToArray());
        Assert.NotEqual(Samples.Key.Bytes.ToArray(), Samples.WrongKey.Bytes.ToArray());
    }

    [Fact]
    public void Group_secrets_key_ignores_order_but_not_content()
    {
        var ab = PeerKey.FromGroupSecrets([new("dns", "one"u8.ToArray()), new("samba", "two"u8.ToArray())]);
        var ba = PeerKey.FromGroupSecrets([new("samba", "two"u8.ToArray()), new("dns", "one"u8.ToArray())]);
        var swapped = PeerKey.FromGroupSecrets([new("dns", "two"u8.ToArray()), new("samba", "one"u8.ToArray())]);
        Assert.Equal(ab.Bytes.ToArray(), ba.Bytes.ToArray());
        Assert.NotEqual(ab.Bytes.ToArray(), swapped.Bytes.ToArray());
    }

    [Fact]
    public void An_empty_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PeerKey.FromSecret([]));
    }
}
