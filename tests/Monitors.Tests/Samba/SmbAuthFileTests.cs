using Failover.Monitors.Samba;

namespace Failover.Monitors.Tests.Samba;

public sealed class SmbAuthFileTests
{
    [Theory]
    [InlineData("username = probe\npassword = s3cret\n", "probe")]
    [InlineData("username=probe\npassword=s3cret", "probe")]
    [InlineData("  Username  =  probe  \r\nPASSWORD = s3cret\r\n", "probe")]
    [InlineData("username = probe\npassword = a=b\ndomain = EXAMPLE\n", "EXAMPLE\\probe")]
    [InlineData("username = probe%s3cret\n", "probe")]
    [InlineData("# the probe account\nusername = probe\npassword = s3cret\nrealm = EXAMPLE.ORG\n", "probe")]
    public void The_account_is_read_as_smbclient_reads_it(string text, string account)
    {
        Assert.True(SmbAuthFile.TryParse(text, out var file, out var problem), problem);
        Assert.Equal(account, file!.Account);
    }

    [Theory]
    [InlineData("", "has no 'username = NAME' line")]
    [InlineData("password = s3cret\n", "has no 'username = NAME' line")]
    [InlineData("username = \npassword = s3cret\n", "has no 'username = NAME' line")]
    [InlineData("username = probe\n", "has no 'password = SECRET' line")]
    [InlineData("username = probe\npassword =\n", "has no 'password = SECRET' line")]
    [InlineData("username = probe%\n", "has no 'password = SECRET' line")]
    [InlineData("probe\ns3cret\n", "has no 'username = NAME' line")]
    public void A_file_without_user_or_password_is_refused(string text, string expected)
    {
        Assert.False(SmbAuthFile.TryParse(text, out var file, out var problem));
        Assert.Null(file);
        Assert.Equal(expected, problem);
    }
}
