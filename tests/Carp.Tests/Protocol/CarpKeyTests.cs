using System.Net;
using System.Text;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class CarpKeyTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.1.1.252");

    [Fact]
    public void Computes_the_reference_test_vector()
    {
        var key = new CarpKey("love"u8, 42, Vip);
        var hmac = new byte[CarpKey.HmacSize];
        key.ComputeHmac(0x0000000100000002, hmac);
        Assert.Equal("2529cfb4972facc332a4741b74b40d581105f657", Convert.ToHexStringLower(hmac));
    }

    [Fact]
    public void Verify_accepts_the_right_hmac_and_rejects_any_change()
    {
        var key = new CarpKey("love"u8, 42, Vip);
        var hmac = Convert.FromHexString("2529cfb4972facc332a4741b74b40d581105f657");
        Assert.True(key.Verify(0x0000000100000002, hmac));
        Assert.False(key.Verify(0x0000000100000003, hmac));

        hmac[19] ^= 1;
        Assert.False(key.Verify(0x0000000100000002, hmac));
        Assert.False(key.Verify(0x0000000100000002, hmac.AsSpan(0, 19)));
    }

    [Theory]
    [InlineData("lovf", 42, "10.1.1.252")]
    [InlineData("love", 43, "10.1.1.252")]
    [InlineData("love", 42, "10.1.1.253")]
    public void Password_vhid_and_vip_are_all_covered(string password, byte vhid, string vip)
    {
        var other = new CarpKey(Encoding.ASCII.GetBytes(password), vhid, IPAddress.Parse(vip));
        var hmac = Convert.FromHexString("2529cfb4972facc332a4741b74b40d581105f657");
        Assert.False(other.Verify(0x0000000100000002, hmac));
    }

    [Fact]
    public void Accepts_a_19_byte_password()
    {
        var key = new CarpKey("0123456789abcdefghi"u8, 1, Vip);
        Assert.Equal(1, key.Vhid);
        Assert.Equal(Vip, key.FirstVip);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdefghij")]
    [InlineData("lo\0ve")]
    public void Rejects_passwords_ucarp_cannot_use(string password)
    {
        Assert.Throws<ArgumentException>(() => new CarpKey(Encoding.ASCII.GetBytes(password), 42, Vip));
    }

    [Fact]
    public void Rejects_an_ipv6_vip()
    {
        Assert.Throws<ArgumentException>(() => new CarpKey("love"u8, 42, IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Rejects_a_destination_shorter_than_20_bytes()
    {
        var key = new CarpKey("love"u8, 42, Vip);
        Assert.Throws<ArgumentException>(() => key.ComputeHmac(1, new byte[19]));
    }

    [Fact]
    public void Hot_path_does_not_allocate()
    {
        var key = new CarpKey("love"u8, 42, Vip);
        var hmac = new byte[CarpKey.HmacSize];
        key.ComputeHmac(1, hmac); // warm up
        key.Verify(1, hmac);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong i = 0; i < 100; i++)
        {
            key.ComputeHmac(i, hmac);
            key.Verify(i, hmac);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
