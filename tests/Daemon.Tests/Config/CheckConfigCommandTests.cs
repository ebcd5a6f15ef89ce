using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary><c>failoverd --check-config FILE</c> on real files: stdout/stderr text and exit codes 0 / 78.</summary>
public sealed class CheckConfigCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "config", name);

    private static (int Exit, string Out, string Err) Run(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CheckConfigCommand.Run(path, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Valid_file_prints_OK_with_the_group_count_and_exits_0()
    {
        var path = Fixture("valid-two-groups.yaml");

        var (exit, stdout, stderr) = Run(path);

        Assert.Equal(0, exit);
        Assert.Equal($"{path}: OK (2 groups){Environment.NewLine}", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Invalid_file_prints_every_error_to_stderr_and_exits_78()
    {
        var path = Fixture("invalid-several.yaml");

        var (exit, stdout, stderr) = Run(path);

        Assert.Equal(78, exit);
        Assert.Empty(stdout);
        Assert.Equal(
            [
                $"{path}:4:11: vhid must be an integer from 1 to 255",
                $"{path}:8:5: unknown key 'advskw' in group (did you mean 'advskew'?)",
                $"{path}:9:11: group name 'dns' is already used by group 'dns' (line 3)",
                $"{path}:13:12: VIP 10.4.0.10 is already used by group 'dns' (line 3)",
            ],
            stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Missing_file_is_one_error_at_1_1_and_exits_78()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-failover.yaml");

        var (exit, stdout, stderr) = Run(path);

        Assert.Equal(78, exit);
        Assert.Empty(stdout);
        Assert.Equal($"{path}:1:1: cannot read the configuration: no such file{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Directory_is_one_error_and_exits_78()
    {
        var (exit, _, stderr) = Run(AppContext.BaseDirectory);

        Assert.Equal(78, exit);
        Assert.Equal($"{AppContext.BaseDirectory}:1:1: is a directory, not a configuration file{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Load_reads_the_file_and_names_it_in_errors()
    {
        var valid = ConfigLoader.Load(Fixture("valid-two-groups.yaml"));
        var invalid = ConfigLoader.Load(Fixture("invalid-several.yaml"));

        Assert.True(valid.IsValid);
        Assert.Equal("olorin2", valid.Config!.Node.Name);
        Assert.Equal([200, 201], valid.Config.Groups.Select(g => (int)g.Vhid));
        Assert.False(invalid.IsValid);
        Assert.Null(invalid.Config);
        Assert.All(invalid.Errors, e => Assert.Equal(Fixture("invalid-several.yaml"), e.File));
    }

    [Fact]
    public void Error_prints_as_file_line_column_message() =>
        Assert.Equal("/etc/failover/failover.yaml:3:11: vhid must be an integer from 1 to 255",
            new ConfigError("/etc/failover/failover.yaml", 3, 11, "vhid must be an integer from 1 to 255").ToString());

    [Fact]
    public async Task Help_lists_the_exit_codes_78_for_a_configuration_error()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await Failover.Daemon.DaemonCommand.RunAsync(["--help"], stdout, new StringWriter()));
        Assert.Contains("Exit codes: 0 ok, 1 runtime failure", stdout.ToString());
        Assert.Contains("78 configuration error", stdout.ToString());
    }
}
