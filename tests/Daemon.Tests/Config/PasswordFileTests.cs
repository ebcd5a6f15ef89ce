using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>password_file: read from a real file, refused unless private to its owner and a valid CARP password.</summary>
public sealed class PasswordFileTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // The password_file value starts at line 5, column 20.
    private static string ConfigWith(string path) => $"""
        groups:
          - name: dns
            vhid: 200
            interface: eth0
            password_file: {path}
            vips: [10.4.0.10/24]
        """;

    [Theory]
    [InlineData("love", "love")]
    [InlineData("love\n", "love")]
    [InlineData("love\r\n", "love")]
    [InlineData("love\nsecond line is ignored\n", "love")]
    [InlineData("1234567890123456789\n", "1234567890123456789")]
    [InlineData("  spaced  \n", "  spaced  ")]
    public void Mode_0600_file_is_read_up_to_the_first_line_break(string content, string expected)
    {
        var path = _dir.WriteFile("dns.key", content, Mode0600);

        var group = ConfigAssert.Valid(ConfigWith(path)).Groups.Single();

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(expected), group.Password);
        Assert.Equal(path, group.PasswordFile);
    }

    [Fact]
    public void Mode_0644_is_refused_with_the_chmod_to_run()
    {
        var path = _dir.WriteFile("dns.key", "love\n", Mode0644);

        Assert.Equal(
            [$"5:20: password_file {path} is readable by group or others (mode 0644); chmod 600 it"],
            ConfigAssert.Errors(ConfigWith(path)));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead, "readable", "0440")]
    [InlineData(Mode0600 | UnixFileMode.OtherRead, "readable", "0604")]
    [InlineData(Mode0600 | UnixFileMode.GroupWrite, "accessible", "0620")]
    [InlineData(Mode0600 | UnixFileMode.OtherExecute, "accessible", "0601")]
    public void Any_group_or_other_bit_is_refused(UnixFileMode mode, string how, string octal)
    {
        var path = _dir.WriteFile("dns.key", "love\n", mode);

        Assert.Equal(
            [$"5:20: password_file {path} is {how} by group or others (mode {octal}); chmod 600 it"],
            ConfigAssert.Errors(ConfigWith(path)));
    }

    [Fact]
    public void Owner_read_only_0400_is_accepted()
    {
        var path = _dir.WriteFile("dns.key", "love\n", UnixFileMode.UserRead);

        Assert.Equal("love"u8.ToArray(), ConfigAssert.Valid(ConfigWith(path)).Groups[0].Password);
    }

    [Theory]
    [InlineData("12345678901234567890\n", "is 20 bytes; ucarp-compatible passwords are at most 19 bytes")]
    [InlineData("", "is empty")]
    [InlineData("\nlove\n", "is empty")]
    [InlineData("lo\0ve\n", "contains a NUL byte")]
    public void Invalid_password_in_the_file_is_refused(string content, string problem)
    {
        var path = _dir.WriteFile("dns.key", content, Mode0600);

        Assert.Equal(
            [$"5:20: the password in password_file {path} {problem}"],
            ConfigAssert.Errors(ConfigWith(path)));
    }

    [Fact]
    public void A_long_file_without_line_breaks_is_refused_without_reading_it_all()
    {
        var path = _dir.WriteFile("dns.key", new string('x', 100_000), Mode0600);

        Assert.Equal(
            [$"5:20: the password in password_file {path} is 1024 bytes; ucarp-compatible passwords are at most 19 bytes"],
            ConfigAssert.Errors(ConfigWith(path)));
    }

    [Fact]
    public void Bad_mode_and_bad_content_are_both_reported()
    {
        var path = _dir.WriteFile("dns.key", "12345678901234567890", Mode0644);

        Assert.Equal(
            [
                $"5:20: password_file {path} is readable by group or others (mode 0644); chmod 600 it",
                $"5:20: the password in password_file {path} is 20 bytes; ucarp-compatible passwords are at most 19 bytes",
            ],
            ConfigAssert.Errors(ConfigWith(path)));
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        var path = Path.Combine(_dir.Path, "absent.key");

        Assert.Equal([$"5:20: password_file {path} does not exist"], ConfigAssert.Errors(ConfigWith(path)));
    }

    [Fact]
    public void File_in_a_missing_directory_is_refused()
    {
        var path = Path.Combine(_dir.Path, "no-such-dir", "dns.key");

        Assert.Equal([$"5:20: password_file {path} does not exist"], ConfigAssert.Errors(ConfigWith(path)));
    }

    [Fact]
    public void Directory_is_refused()
    {
        Assert.Equal(
            [$"5:20: password_file {_dir.Path} is a directory, not a file"],
            ConfigAssert.Errors(ConfigWith(_dir.Path)));
    }

    [Fact]
    public void Each_group_reads_its_own_file()
    {
        var a = _dir.WriteFile("a.key", "alpha\n", Mode0600);
        var b = _dir.WriteFile("b.key", "bravo\n", Mode0600);

        var groups = ConfigAssert.Valid($"""
            groups:
              - {"{"} name: a, vhid: 1, interface: eth0, password_file: {a}, vips: [10.4.0.1] {"}"}
              - {"{"} name: b, vhid: 2, interface: eth0, password_file: {b}, vips: [10.4.0.2] {"}"}
            """).Groups;

        Assert.Equal("alpha"u8.ToArray(), groups[0].Password);
        Assert.Equal("bravo"u8.ToArray(), groups[1].Password);
    }
}
