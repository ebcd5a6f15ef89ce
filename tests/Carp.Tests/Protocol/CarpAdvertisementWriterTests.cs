using System.Net;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class CarpAdvertisementWriterTests
{
    private static readonly CarpKey Love42 = new("love"u8, 42, IPAddress.Parse("10.1.1.252"));

    [Fact]
    public void Writes_the_reference_test_vector()
    {
        var header = new byte[CarpHeader.Size];
        CarpAdvertisementWriter.Write(header, 42, new CarpTiming(1, 0), 0x0000000100000002, Love42);

        Assert.Equal(
            "212a0007000175d0" + "0000000100000002" + "2529cfb4972facc332a4741b74b40d581105f657",
            Convert.ToHexStringLower(header));
    }

    [Fact]
    public void Checksum_covers_the_hmac()
    {
        var header = new byte[CarpHeader.Size];
        CarpAdvertisementWriter.Write(header, 42, new CarpTiming(3, 200), 12345, Love42);
        Assert.Equal(0, InternetChecksum.Compute(header));

        header[35] ^= 0x80;
        Assert.NotEqual(0, InternetChecksum.Compute(header));
    }

    [Fact]
    public void Round_trips_through_Read()
    {
        var header = new byte[CarpHeader.Size];
        CarpAdvertisementWriter.Write(header, 42, new CarpTiming(3, 200), ulong.MaxValue, Love42);
        var read = CarpHeader.Read(header);

        Assert.Equal((2, 1, 42, 7, 0), (read.Version, read.Type, read.Vhid, read.AuthLen, read.Demote));
        Assert.Equal(new CarpTiming(3, 200), read.Timing);
        Assert.Equal(ulong.MaxValue, read.Counter);
        Assert.True(Love42.Verify(read.Counter, CarpHeader.Hmac(header)));
    }

    [Fact]
    public void Writes_only_36_bytes_of_a_larger_buffer()
    {
        var buffer = new byte[40];
        Array.Fill(buffer, (byte)0xAA);
        CarpAdvertisementWriter.Write(buffer, 42, new CarpTiming(1, 0), 1, Love42);
        Assert.Equal([0xAA, 0xAA, 0xAA, 0xAA], buffer[36..]);
    }

    [Fact]
    public void Rejects_a_key_for_another_vhid()
    {
        Assert.Throws<ArgumentException>(
            () => CarpAdvertisementWriter.Write(new byte[CarpHeader.Size], 43, new CarpTiming(1, 0), 1, Love42));
    }

    [Fact]
    public void Rejects_a_short_destination()
    {
        Assert.Throws<ArgumentException>(
            () => CarpAdvertisementWriter.Write(new byte[35], 42, new CarpTiming(1, 0), 1, Love42));
    }

    [Fact]
    public void Does_not_allocate()
    {
        var header = new byte[CarpHeader.Size];
        CarpAdvertisementWriter.Write(header, 42, new CarpTiming(1, 0), 0, Love42);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 1; i <= 100; i++)
        {
            CarpAdvertisementWriter.Write(header, 42, new CarpTiming(1, 0), i, Love42);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
