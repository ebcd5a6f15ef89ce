using System.Net;
using Failover.Monitors.Samba;

namespace Failover.Monitors.Tests.Samba;

/// <summary>smbclient 4.17's real output (Fixtures/smbclient, from capture.sh) read and put into words.</summary>
public sealed class SmbclientOutputTests
{
    private static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.1"), 445);

    private static SambaShareCheck Check(string? path = null, string share = "data") => new()
    {
        Share = share, AuthFile = "/etc/failover/smb.auth", Account = "root", Path = path,
    };

    private static SmbclientOutcome Parse(string fixture)
    {
        var run = SmbclientFixture.Load(fixture);
        return SmbclientOutput.Parse(run.ExitCode, run.Stdout, run.Stderr);
    }

    [Theory]
    [InlineData("bad-network-name", SmbclientStage.TreeConnect, "NT_STATUS_BAD_NETWORK_NAME", "share nosuch not found on 192.0.2.1", "nosuch", null)]
    [InlineData("logon-failure", SmbclientStage.SessionSetup, "NT_STATUS_LOGON_FAILURE", "logon to 192.0.2.1 as root refused: wrong user or password", "data", null)]
    [InlineData("account-disabled", SmbclientStage.SessionSetup, "NT_STATUS_ACCOUNT_DISABLED", "logon to 192.0.2.1 as root refused: account disabled", "data", null)]
    [InlineData("tree-access-denied", SmbclientStage.TreeConnect, "NT_STATUS_ACCESS_DENIED", "share locked on 192.0.2.1 refused to root: access denied", "locked", null)]
    [InlineData("object-name-not-found", SmbclientStage.OpenFile, "NT_STATUS_OBJECT_NAME_NOT_FOUND", "file nosuch.txt not found in share data on 192.0.2.1", "data", "nosuch.txt")]
    [InlineData("object-path-not-found", SmbclientStage.OpenFile, "NT_STATUS_OBJECT_PATH_NOT_FOUND", "folder of nodir/probe.txt not found in share data on 192.0.2.1", "data", "nodir/probe.txt")]
    [InlineData("file-is-a-directory", SmbclientStage.OpenFile, "NT_STATUS_FILE_IS_A_DIRECTORY", "sub in share data on 192.0.2.1 is a folder, not a file", "data", "sub")]
    [InlineData("file-access-denied", SmbclientStage.OpenFile, "NT_STATUS_ACCESS_DENIED", "reading secret.txt in share asnobody on 192.0.2.1 refused to root: access denied", "asnobody", "secret.txt")]
    [InlineData("connection-refused", SmbclientStage.Connect, "NT_STATUS_CONNECTION_REFUSED", "connection refused by 192.0.2.1:445", "data", null)]
    [InlineData("network-unreachable", SmbclientStage.Connect, "NT_STATUS_NETWORK_UNREACHABLE", "network unreachable: 192.0.2.1:445", "data", null)]
    [InlineData("auth-file-missing", SmbclientStage.Credentials, null, "smbclient cannot read its auth_file /etc/failover/smb.auth", "data", null)]
    public void Each_failure_is_read_and_put_into_words(string fixture, SmbclientStage stage, string? status, string reason, string share, string? path)
    {
        var outcome = Parse(fixture);

        Assert.Equal((stage, status), (outcome.Stage, outcome.Status));
        Assert.False(outcome.Succeeded);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(reason, ShareCheckReason.Down(outcome, Check(path, share), Server));
    }

    [Fact]
    public void A_listing_is_a_success_even_with_an_entry_named_like_a_failure()
    {
        var run = SmbclientFixture.Load("list-ok");
        Assert.Contains("NT_STATUS_ACCESS_DENIED listing x", run.Stdout);

        var outcome = SmbclientOutput.Parse(run.ExitCode, run.Stdout, run.Stderr);

        Assert.Equal(new SmbclientOutcome(SmbclientStage.Done, null, "", null, 0), outcome);
        Assert.Equal("listed share data on 192.0.2.1 as root", ShareCheckReason.Up(outcome, Check(), Server));
    }

    [Fact]
    public void A_read_file_reports_its_size()
    {
        var outcome = Parse("get-ok");

        Assert.Equal(new SmbclientOutcome(SmbclientStage.Done, null, "", 6, 0), outcome);
        Assert.Equal("read probe.txt (6 bytes) from share data on 192.0.2.1 as root", ShareCheckReason.Up(outcome, Check("probe.txt"), Server));
    }

    [Fact]
    public void A_listing_entry_named_like_a_failure_does_not_hide_a_non_zero_exit()
    {
        var run = SmbclientFixture.Load("list-ok");

        var outcome = SmbclientOutput.Parse(1, run.Stdout, run.Stderr);

        Assert.Equal(SmbclientStage.Unknown, outcome.Stage);
        Assert.Equal("NT_STATUS_ACCESS_DENIED", outcome.Status);
    }

    [Theory]
    [InlineData("protocol negotiation failed: NT_STATUS_CONNECTION_RESET\n", "", "connection to 192.0.2.1:445 lost (negotiate: NT_STATUS_CONNECTION_RESET)")]
    [InlineData("protocol negotiation failed: NT_STATUS_INVALID_PARAMETER\n", "", "SMB negotiation with 192.0.2.1:445 failed: NT_STATUS_INVALID_PARAMETER")]
    [InlineData("", "do_connect: Connection to 192.0.2.1 failed (Error NT_STATUS_IO_TIMEOUT)\n", "no answer from 192.0.2.1:445 (smbclient: NT_STATUS_IO_TIMEOUT)")]
    [InlineData("session setup failed: NT_STATUS_PASSWORD_EXPIRED\n", "", "logon to 192.0.2.1 as root refused: password expired")]
    [InlineData("session setup failed: NT_STATUS_NO_LOGON_SERVERS\n", "", "logon to 192.0.2.1 as root failed: NT_STATUS_NO_LOGON_SERVERS")]
    [InlineData("", "Can't load /etc/samba/smb.conf - run testparm to debug it\nsomething \u001b[31mbroke\n", "smbclient exited 1 on share data on 192.0.2.1: something ?[31mbroke")]
    [InlineData("", "", "smbclient exited 1 on share data on 192.0.2.1 and said nothing")]
    [InlineData("cli_start_connection: NT_STATUS_NOT_SUPPORTED odd wording\n", "", "smbclient exited 1 on share data on 192.0.2.1: cli_start_connection: NT_STATUS_NOT_SUPPORTED odd wording")]
    public void Other_failures_keep_what_smbclient_said(string stdout, string stderr, string reason)
    {
        var outcome = SmbclientOutput.Parse(1, stdout, stderr);
        Assert.Equal(reason, ShareCheckReason.Down(outcome, Check(), Server));
    }

    [Fact]
    public void A_failure_line_counts_even_when_smbclient_exits_0()
    {
        var outcome = SmbclientOutput.Parse(0, "tree connect failed: NT_STATUS_BAD_NETWORK_NAME\r\n", "");
        Assert.Equal((SmbclientStage.TreeConnect, "NT_STATUS_BAD_NETWORK_NAME"), (outcome.Stage, outcome.Status));
    }

    [Fact]
    public void A_long_line_is_cut_for_the_log()
    {
        var outcome = SmbclientOutput.Parse(2, new string('x', 5000), "");
        Assert.Equal(new string('x', 160) + "…", outcome.Line);
    }

    [Fact]
    public void A_port_other_than_445_is_shown()
    {
        var outcome = Parse("bad-network-name");
        Assert.Equal("share data not found on 192.0.2.1:4450", ShareCheckReason.Down(outcome, Check(), new IPEndPoint(Server.Address, 4450)));
    }

    [Fact]
    public void Every_fixture_is_covered()
    {
        Assert.Equal(
            ["account-disabled", "auth-file-missing", "bad-network-name", "connection-refused", "file-access-denied",
             "file-is-a-directory", "get-ok", "list-ok", "logon-failure", "network-unreachable", "object-name-not-found",
             "object-path-not-found", "tree-access-denied"],
            SmbclientFixture.Names);
    }
}
