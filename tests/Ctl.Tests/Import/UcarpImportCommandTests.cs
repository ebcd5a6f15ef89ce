using Failover.Ctl.Import;

namespace Failover.Ctl.Tests.Import;

public sealed class UcarpImportCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CtlCommand.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_command_line_prints_loadable_yaml_the_password_masked_in_the_header()
    {
        var (exit, yaml, err) = await Run("import-ucarp", "--name", "dns", "--", "ucarp", "-i", "eth0", "-v", "9", "-p", "love", "-a", "192.0.2.10", "-M");

        Assert.Equal(0, exit);
        Assert.StartsWith("# Written by failoverctl import-ucarp from ucarp -i eth0 -v 9 -p *** -a 192.0.2.10 -M\n", yaml);
        Assert.Equal("dns", Assert.Single(ImportedYaml.Load(yaml).Groups).Name);
        Assert.Equal("failoverctl import-ucarp: warning: dns: -M not carried over: failoverd advertises by multicast (224.0.0.18) only, never broadcast",
            err.Trim());
    }

    [Fact]
    public async Task An_interfaces_file_is_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "iface eth0 inet static\n address 192.0.2.2\n ucarp-vid 3\n ucarp-vip 192.0.2.1\n ucarp-password love\n");
            var (exit, yaml, _) = await Run("import-ucarp", "--interfaces", path);
            Assert.Equal(0, exit);
            Assert.Equal("eth0-3", Assert.Single(ImportedYaml.Load(yaml).Groups).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("import-ucarp -- ucarp -i eth0 -v 1 -a 192.0.2.10", "failoverctl import-ucarp: --pass (-p) or --passfile (-o) is required")]
    [InlineData("import-ucarp --interfaces /nonexistent/interfaces", "failoverctl import-ucarp: --interfaces: cannot read /nonexistent/interfaces")]
    [InlineData("import-ucarp", "Usage: failoverctl import-ucarp")]
    [InlineData("import-ucarp ucarp -i eth0", "Usage: failoverctl import-ucarp")]
    [InlineData("import-ucarp --name", "Usage: failoverctl import-ucarp")]
    public async Task Errors_exit_2_with_a_message_and_print_nothing(string commandLine, string message)
    {
        var (exit, yaml, err) = await Run(commandLine.Split(' '));

        Assert.Equal(2, exit);
        Assert.Equal("", yaml);
        Assert.StartsWith(message, err);
    }

    [Theory]
    [InlineData(new[] { "ucarp", "--pass=secret", "-v", "1" }, "ucarp --pass=*** -v 1")]
    [InlineData(new[] { "ucarp", "--pass", "secret", "-psecret" }, "ucarp --pass *** -p***")]
    public void The_header_never_shows_the_password(string[] argv, string shown) =>
        Assert.Equal(shown, UcarpImportCommand.CommandLine(argv));
}
