using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class CarpHeaderTests
{
    // The CARP part of ucarp-vhid210-19byte.txt frame 0.
    private const string Vhid210Header =
        "21d26407000278a52c81d953dbf008bdec1a65270aa171397c78cfdf3d4f85d04715f351";

    [Fact]
    public void Reads_every_field()
    {
        var bytes = Convert.FromHexString(Vhid210Header);
        var header = CarpHeader.Read(bytes);

        Assert.Equal(new CarpHeader(
            Version: 2, Type: 1, Vhid: 210, AdvSkew: 100, AuthLen: 7, Demote: 0, AdvBase: 2,
            Checksum: 0x78a5, Counter: 0x2c81d953dbf008bd), header);
        Assert.Equal(new CarpTiming(2, 100), header.Timing);
        Assert.Equal("ec1a65270aa171397c78cfdf3d4f85d04715f351", Convert.ToHexStringLower(CarpHeader.Hmac(bytes)));
    }

    [Fact]
    public void Reads_nibbles_and_pad_independently()
    {
        var bytes = new byte[CarpHeader.Size];
        bytes[0] = 0x3f;
        bytes[4] = 0xee;
        var header = CarpHeader.Read(bytes);
        Assert.Equal((3, 15, 0xee), (header.Version, header.Type, header.Demote));
    }

    [Fact]
    public void Read_rejects_fewer_than_36_bytes()
    {
        Assert.Throws<ArgumentException>(() => CarpHeader.Read(new byte[35]));
    }
}
