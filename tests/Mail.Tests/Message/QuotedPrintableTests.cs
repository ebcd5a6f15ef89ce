using Failover.Mail.Message;

namespace Failover.Mail.Tests.Message;

public sealed class QuotedPrintableTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a=b", "a=3Db")]
    [InlineData("trailing space ", "trailing space=20")]
    [InlineData("trailing tab\t", "trailing tab=09")]
    [InlineData("Grüße", "Gr=C3=BC=C3=9Fe")]
    [InlineData("line1\nline2", "line1\r\nline2")]
    [InlineData("line1\r\nline2 \r\n", "line1\r\nline2=20\r\n")]
    [InlineData("ctl\u0001", "ctl=01")]
    public void Encodes(string text, string expected) => Assert.Equal(expected, QuotedPrintable.Encode(text));

    [Fact]
    public void Long_lines_get_soft_breaks_within_76_characters_and_decode_back()
    {
        var text = string.Concat(Enumerable.Repeat("ä0123456789 ", 30));
        var encoded = QuotedPrintable.Encode(text);
        var lines = encoded.Split("\r\n");
        Assert.True(lines.Length > 5);
        Assert.All(lines, l => Assert.True(l.Length <= 76, $"{l.Length}: {l}"));
        Assert.All(lines[..^1], l => Assert.EndsWith("=", l, StringComparison.Ordinal));
        Assert.Equal(text, Decode(encoded));
    }

    [Fact]
    public void Escape_triplet_is_never_split_by_a_soft_break()
    {
        var text = new string('x', 73) + "é";
        var encoded = QuotedPrintable.Encode(text);
        Assert.Equal(new string('x', 73) + "=\r\n=C3=A9", encoded);
        Assert.Equal(text, Decode(encoded));
    }

    private static string Decode(string encoded)
    {
        var bytes = new List<byte>();
        var joined = encoded.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=')
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)joined[i]);
            }
        }
        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }
}
