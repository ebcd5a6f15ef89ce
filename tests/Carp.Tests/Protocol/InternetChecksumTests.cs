using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class InternetChecksumTests
{
    [Theory]
    // RFC 1071 §3 example: the words sum to 0xddf2, so the checksum is its complement.
    [InlineData("0001f203f4f5f6f7", 0x220d)]
    // An odd last byte counts as the high half of a word.
    [InlineData("0001f203f4f5f6f7ab", 0x770c)]
    [InlineData("", 0xffff)]
    [InlineData("0000", 0xffff)]
    // The carries wrap around: 0xffff + 0x0001 = 0x0001 after folding.
    [InlineData("ffff0001", 0xfffe)]
    // ucarp's IPv4 header from ucarp-vhid42-love.txt frame 0, checksum field zeroed: it had 0x23e1 there.
    [InlineData("45100038b55040 00ff700000c0000201e0000012", 0x23e1)]
    public void Compute_matches_known_values(string hex, int expected)
    {
        var data = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.Equal((ushort)expected, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Data_holding_its_own_checksum_sums_to_zero()
    {
        var data = Convert.FromHexString("45100038b5504000ff7023e1c0000201e0000012");
        Assert.Equal(0, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Long_input_folds_every_carry()
    {
        // 100 000 words of 0xffff: the ones-complement sum is 0xffff, so the checksum is 0.
        var data = new byte[200_000];
        Array.Fill(data, (byte)0xff);
        Assert.Equal(0, InternetChecksum.Compute(data));
    }
}
