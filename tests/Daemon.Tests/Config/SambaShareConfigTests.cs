using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>samba: { share: { … } }: the smbclient share check, its keys and its auth_file.</summary>
public sealed class SambaShareConfigTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string GoodAuth = "username = probe\npassword = s3cret\ndomain = EXAMPLE\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // The monitor is on line 8; its samba mapping starts at column 30.
    private static string Group(string samba) => $$"""
        groups:
          - name: web
            vhid: 1
            interface: eth0
            password: x
            vips: [10.4.0.10/24]
            monitors:
              - { name: smbd, samba: {{samba}} }
        """;

    [Fact]
    public void A_share_check_binds_with_the_account_from_its_auth_file()
    {
        var auth = _dir.WriteFile("smb.auth", GoodAuth, Mode0600);

        var config = ConfigAssert.Valid(Group($"{{ server: 10.4.0.2, share: {{ name: data, path: dir/probe.txt, every: 5, auth_file: {auth} }} }}"));

        var options = Assert.IsType<SambaProbeSpec>(config.Groups[0].Monitors[0].Probe).Options;
        var share = options.Share!;
        Assert.Equal(("data", auth, "EXAMPLE\\probe", "dir/probe.txt", 5), (share.Share, share.AuthFile, share.Account, share.Path, share.Every));
        Assert.Equal(445, options.Server.Port);
    }

    [Fact]
    public void Every_defaults_to_10_and_path_to_none()
    {
        var auth = _dir.WriteFile("smb.auth", GoodAuth, Mode0600);

        var config = ConfigAssert.Valid(Group($"{{ server: 10.4.0.2, share: {{ name: data, auth_file: {auth} }} }}"));

        var share = Assert.IsType<SambaProbeSpec>(config.Groups[0].Monitors[0].Probe).Options.Share!;
        Assert.Equal((10, null), (share.Every, share.Path));
    }

    [Fact]
    public void Without_share_there_is_no_share_check()
    {
        var config = ConfigAssert.Valid(Group("{ server: 10.4.0.2 }"));
        Assert.Null(Assert.IsType<SambaProbeSpec>(config.Groups[0].Monitors[0].Probe).Options.Share);
    }

    [Theory]
    [InlineData("{ server: 10.4.0.2, shares: {} }", "8:50: unknown key 'shares' in samba (did you mean 'share'?)")]
    [InlineData("{ server: 10.4.0.2, share: data }", "8:57: samba share must be a mapping, e.g. share: { name: data, auth_file: /etc/failover/smb.auth }")]
    [InlineData("{ server: 10.4.0.2, share: { name: data } }", "8:57: missing required key 'auth_file' in samba share")]
    [InlineData("{ server: 10.4.0.2, share: { name: data, auth_file: etc/smb.auth } }", "8:82: samba share auth_file must be an absolute path")]
    public void Mistakes_are_reported_where_they_are(string samba, string error)
    {
        Assert.Equal([error], ConfigAssert.Errors(Group(samba)));
    }

    [Theory]
    [InlineData("evry: 5, name: data", "8:59: unknown key 'evry' in samba share (did you mean 'every'?)")]
    [InlineData("every: 0, name: data", "8:66: samba share every must be an integer from 1 to 10000 (check the share on every Nth run)")]
    [InlineData("path: \"a;b\", name: data", "8:65: samba share path must not contain control characters, '\"' or ';'")]
    [InlineData("path: /, name: data", "8:65: samba share path must name a file in the share")]
    [InlineData("name: \"da;ta\"", "8:65: samba share name must not contain control characters or any of \\/:*?\"<>|;,=+[]%")]
    [InlineData("name: [data]", "8:65: samba share name must be a string")]
    [InlineData("path: probe.txt", "8:57: missing required key 'name' in samba share")]
    public void Mistakes_beside_a_good_auth_file_are_reported_where_they_are(string keys, string error)
    {
        var auth = _dir.WriteFile("smb.auth", GoodAuth, Mode0600);
        Assert.Equal([error], ConfigAssert.Errors(Group($"{{ server: 10.4.0.2, share: {{ {keys}, auth_file: {auth} }} }}")));
    }

    [Fact]
    public void An_auth_file_readable_by_others_is_refused_with_the_chmod_to_run()
    {
        var auth = _dir.WriteFile("smb.auth", GoodAuth, Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal([$"8:82: samba auth_file {auth} is readable by group or others (mode 0644); chmod 600 it"],
            ConfigAssert.Errors(Group($"{{ server: 10.4.0.2, share: {{ name: data, auth_file: {auth} }} }}")));
    }

    [Fact]
    public void A_missing_auth_file_is_refused()
    {
        var auth = Path.Combine(_dir.Path, "nosuch.auth");
        Assert.Equal([$"8:82: samba auth_file {auth} does not exist"],
            ConfigAssert.Errors(Group($"{{ server: 10.4.0.2, share: {{ name: data, auth_file: {auth} }} }}")));
    }

    [Fact]
    public void A_directory_is_no_auth_file()
    {
        Assert.Equal([$"8:82: samba auth_file {_dir.Path} is a directory, not a file"],
            ConfigAssert.Errors(Group($"{{ server: 10.4.0.2, share: {{ name: data, auth_file: {_dir.Path} }} }}")));
    }

    [Fact]
    public void An_auth_file_without_a_password_is_refused()
    {
        var auth = _dir.WriteFile("smb.auth", "username = probe\n", Mode0600);
        Assert.Equal([$"8:82: samba auth_file {auth} has no 'password = SECRET' line (smbclient's format: username = NAME, password = SECRET, optionally domain = NAME)"],
            ConfigAssert.Errors(Group($"{{ server: 10.4.0.2, share: {{ name: data, auth_file: {auth} }} }}")));
    }
}
