using System.Text;
using Failover.Mail.Smtp;

namespace Failover.Mail.Tests.Smtp;

public sealed class DotStuffingTests
{
    [Theory]
    [InlineData("a\r\nb\r\n", "a\r\nb\r\n.\r\n")]
    [InlineData("a\r\nb", "a\r\nb\r\n.\r\n")]
    [InlineData(".\r\n", "..\r\n.\r\n")]
    [InlineData("x\r\n.\r\ny\r\n", "x\r\n..\r\ny\r\n.\r\n")]
    [InlineData(".hidden\r\n..two\r\n", "..hidden\r\n...two\r\n.\r\n")]
    [InlineData("a.b\r\n", "a.b\r\n.\r\n")]
    [InlineData("bare\nlf\n.\n", "bare\r\nlf\r\n..\r\n.\r\n")]
    [InlineData("bare\rcr", "bare\r\ncr\r\n.\r\n")]
    [InlineData("", ".\r\n")]
    public void Stuffs_dots_and_terminates(string message, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(DotStuffing.Encode(Encoding.ASCII.GetBytes(message))));
    }
}
