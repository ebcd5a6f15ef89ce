using System.Buffers.Binary;
using System.Net;
using System.Text;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

/// <summary>Our codec against advertisements captured from the real ucarp 1.5.2 (Fixtures/ucarp-vhid*.txt).</summary>
public sealed class UcarpCaptureTests
{
    private static readonly IPAddress Elsewhere = IPAddress.Parse("192.0.2.200");

    public static TheoryData<string, int> Frames => UcarpCapture.AdvertisementFrames();

    [Fact]
    public void Fixtures_cover_the_configurations_we_rely_on()
    {
        var captures = UcarpCapture.AdvertisementFiles().Select(UcarpCapture.Load).ToList();
        Assert.Contains(captures, c => c.Vhid == 42 && c.Password == "love" && c.Timing == new CarpTiming(1, 0));
        Assert.Contains(captures, c => c.Vhid == 210 && c.Password.Length == 19 && c.Timing == new CarpTiming(2, 100));
        Assert.Contains(captures, c => c.Broadcast);
        Assert.All(captures, c => Assert.True(c.Frames.Count >= 2, c.Name));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_captured_frame_passes_the_receive_check(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var key = capture.Key();

        var result = CarpReceiveCheck.Check(capture.IpPacket(index), Elsewhere, v => v == capture.Vhid ? key : null);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Null(result.Reason);
        Assert.Equal(capture.Source, result.Advertisement.Source);
        Assert.Equal(255, result.Advertisement.Ttl);
        Assert.Equal(capture.Vhid, result.Advertisement.Header.Vhid);
        Assert.Equal(new PeerAdvertisement(capture.Source, capture.Timing), result.Advertisement.ToPeer());
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_wrong_password_is_a_bad_hmac(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var password = capture.Password[..^1] + (capture.Password[^1] == 'x' ? 'y' : 'x');
        var wrong = new CarpKey(Encoding.ASCII.GetBytes(password), capture.Vhid, capture.Vip);

        var result = CarpReceiveCheck.Check(capture.IpPacket(index), Elsewhere, _ => wrong);

        Assert.False(result.IsAccepted);
        Assert.Equal(CarpRejectReason.BadHmac, result.Reason);
        Assert.Equal(capture.Vhid, result.Vhid);
        Assert.Equal(capture.Source, result.Source);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void A_different_first_vip_is_a_bad_hmac(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var otherVip = new CarpKey(Encoding.ASCII.GetBytes(capture.Password), capture.Vhid, IPAddress.Parse("192.0.2.99"));

        var result = CarpReceiveCheck.Check(capture.IpPacket(index), Elsewhere, _ => otherVip);

        Assert.Equal(CarpRejectReason.BadHmac, result.Reason);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Our_own_source_is_an_own_packet(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var result = CarpReceiveCheck.Check(capture.IpPacket(index), capture.Source, _ => capture.Key());
        Assert.Equal(CarpRejectReason.OwnPacket, result.Reason);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Our_writer_reproduces_the_carp_header_byte_for_byte(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var captured = capture.IpPacket(index).AsSpan(20, CarpHeader.Size);
        var counter = BinaryPrimitives.ReadUInt64BigEndian(captured[8..]);

        var ours = new byte[CarpHeader.Size];
        CarpAdvertisementWriter.Write(ours, capture.Vhid, capture.Timing, counter, capture.Key());

        Assert.Equal(Convert.ToHexStringLower(captured), Convert.ToHexStringLower(ours));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Our_frame_writer_reproduces_the_whole_frame_given_the_ip_id(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var frame = capture.Frames[index];
        var ipId = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 4));
        var counter = BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(14 + 20 + 8));

        var ours = new byte[CarpAdvertisementFrame.FrameSize];
        CarpAdvertisementFrame.WriteFrame(ours, capture.Source, ipId, capture.Vhid, capture.Timing, counter, capture.Key(),
            broadcast: capture.Broadcast);

        Assert.Equal(Convert.ToHexStringLower(frame), Convert.ToHexStringLower(ours));
    }

    /// <summary>What our sender must copy: the fields around the CARP header that ucarp sends.</summary>
    [Theory]
    [MemberData(nameof(Frames))]
    public void Records_what_ucarp_puts_around_the_carp_header(string file, int index)
    {
        var capture = UcarpCapture.Load(file);
        var frame = capture.Frames[index];

        Assert.Equal(70, frame.Length);
        Assert.Equal(capture.Broadcast ? "ffffffffffff" : "01005e000012", Convert.ToHexStringLower(frame[..6]));
        Assert.Equal($"00005e0000{capture.Vhid:x2}", Convert.ToHexStringLower(frame[6..12]));
        Assert.Equal(CarpWire.VirtualMac(capture.Vhid).GetAddressBytes(), frame[6..12]);
        Assert.Equal("0800", Convert.ToHexStringLower(frame[12..14]));

        Assert.True(Ipv4Header.TryRead(capture.IpPacket(index), out var ip));
        Assert.Equal(20, ip.HeaderLength);
        Assert.Equal(0x10, ip.TypeOfService);
        Assert.Equal(56, ip.TotalLength);
        Assert.True(ip.DontFragment);
        Assert.Equal(255, ip.Ttl);
        Assert.Equal(112, ip.Protocol);
        Assert.Equal(0xE0000012u, ip.Destination); // 224.0.0.18, even with --nomcast

        var carp = CarpHeader.Read(capture.IpPacket(index).AsSpan(20));
        Assert.Equal((2, 1, 7, 0), (carp.Version, carp.Type, carp.AuthLen, carp.Demote));
        Assert.Equal(capture.Timing, carp.Timing);
    }

    /// <summary>
    /// ucarp 1.5.2 draws a fresh random counter for every advert (REFERENCE §1 expected +1), so a receiver
    /// cannot use the counter against replays without rejecting ucarp.
    /// </summary>
    [Fact]
    public void Ucarp_counters_are_not_consecutive()
    {
        foreach (var capture in UcarpCapture.AdvertisementFiles().Select(UcarpCapture.Load))
        {
            var counters = capture.Frames
                .Select(f => BinaryPrimitives.ReadUInt64BigEndian(f.AsSpan(14 + 20 + 8)))
                .ToList();
            for (int i = 1; i < counters.Count; i++)
            {
                Assert.NotEqual(counters[i - 1] + 1, counters[i]);
            }

            Assert.Equal(counters.Count, counters.Distinct().Count());
        }
    }
}
