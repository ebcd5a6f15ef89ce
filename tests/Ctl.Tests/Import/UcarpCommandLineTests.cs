using System.Net;
using Failover.Actions.Steps;
using Failover.Ctl.Import;

namespace Failover.Ctl.Tests.Import;

public sealed class UcarpCommandLineTests
{
    private static string Yaml(string commandLine, string? name = null) =>
        GroupYaml.Write([UcarpCommandLine.Parse(commandLine.Split(' '), name)], "test");

    [Fact]
    public void The_template_example_with_long_options_loads_with_every_value()
    {
        var yaml = Yaml("ucarp --interface=eth0 --srcip=10.4.0.210 --vhid=200 --passfile=/nonexistent/dns-dhcp.key "
            + "--addr=10.4.0.10 --advbase=2 --advskew=100 --deadratio=4 --preempt --neutral "
            + "--upscript=/etc/failover/vip-up.sh --downscript=/etc/failover/vip-down.sh --xparam=dns", "dns-dhcp");

        // password_file is read by the loader, so check the text, then load it with an inline password.
        Assert.Contains("password_file: \"/nonexistent/dns-dhcp.key\"", yaml);
        var config = ImportedYaml.Load(yaml.Replace("password_file: \"/nonexistent/dns-dhcp.key\"", "password: \"love\""));

        var g = Assert.Single(config.Groups);
        Assert.Equal(("dns-dhcp", 200, "eth0"), (g.Name, (int)g.Vhid, g.Interface));
        Assert.Equal(IPAddress.Parse("10.4.0.210"), g.Source);
        Assert.Equal((2, 100, 4), (g.AdvBase, g.AdvSkew, g.DeadRatio));
        Assert.True(g.Preempt);
        Assert.True(g.Neutral);
        Assert.Equal(["10.4.0.10/32"], g.Vips.Select(v => v.ToString()));
        var up = Assert.IsType<ExecStep>(Assert.Single(g.OnMaster));
        Assert.Equal(["/etc/failover/vip-up.sh"], up.Argv);
        Assert.True(up.UcarpArgs);
        Assert.Equal("dns", up.Xparam);
        var down = Assert.IsType<ExecStep>(Assert.Single(g.OnBackup));
        Assert.Equal(["/etc/failover/vip-down.sh"], down.Argv);
        Assert.True(down.UcarpArgs);
        Assert.Equal("dns", down.Xparam);
    }

    [Fact]
    public void Short_options_attached_separate_and_bundled_mean_the_same()
    {
        var config = ImportedYaml.Load(Yaml("/usr/sbin/ucarp -ieth1 -s 192.0.2.1 -v42 -p love -a 192.0.2.100 -k 50 -b3 -r 5 -Pn -u /bin/up -d/bin/down -x z"));

        var g = Assert.Single(config.Groups);
        Assert.Equal(("ucarp-42", 42, "eth1"), (g.Name, (int)g.Vhid, g.Interface));
        Assert.Equal("love"u8.ToArray(), g.Password);
        Assert.Equal((3, 50, 5), (g.AdvBase, g.AdvSkew, g.DeadRatio));
        Assert.True(g.Preempt && g.Neutral);
        Assert.Equal("192.0.2.100/32", g.HmacVip.ToString());
        Assert.Equal(["/bin/up"], Assert.IsType<ExecStep>(Assert.Single(g.OnMaster)).Argv);
        Assert.Equal(["/bin/down"], Assert.IsType<ExecStep>(Assert.Single(g.OnBackup)).Argv);
    }

    [Fact]
    public void Without_scripts_the_defaults_stay_and_no_chain_is_written()
    {
        var yaml = Yaml("ucarp -i eth0 -v 1 -p love -a 192.0.2.10");
        var g = Assert.Single(ImportedYaml.Load(yaml).Groups);

        Assert.Equal((1, 0, 3), (g.AdvBase, g.AdvSkew, g.DeadRatio));
        Assert.False(g.Preempt);
        Assert.Null(g.Source);
        Assert.DoesNotContain("on_master", yaml);
        Assert.DoesNotContain("exec", yaml);
    }

    [Fact]
    public void A_command_line_password_is_kept_with_a_password_file_recommendation()
    {
        var yaml = Yaml("ucarp -i eth0 -v 1 --pass=a\"b\\c -a 192.0.2.10");

        Assert.Contains("password: \"a\\\"b\\\\c\"", yaml);
        Assert.Contains("password_file", yaml);
        Assert.Contains("chmod 600", yaml);
        Assert.Equal("a\"b\\c"u8.ToArray(), Assert.Single(ImportedYaml.Load(yaml).Groups).Password);
    }

    [Theory]
    [InlineData("-M", "WARNING: -M not carried over")]
    [InlineData("--nomcast", "WARNING: --nomcast not carried over")]
    [InlineData("-S", "WARNING: -S not carried over")]
    [InlineData("--mcast=239.1.1.1", "WARNING: --mcast=239.1.1.1 not carried over")]
    [InlineData("-f local0", "-f local0: not carried over")]
    [InlineData("-B", "-B: not needed")]
    [InlineData("--daemonize", "--daemonize: not needed")]
    [InlineData("-z", "--shutdown (-z): failoverd always runs on_backup")]
    [InlineData("-D", "-D: not carried over")]
    public void Options_without_an_equivalent_become_comments_and_the_yaml_still_loads(string option, string comment)
    {
        var yaml = Yaml($"ucarp -i eth0 -v 1 -p love -a 192.0.2.10 {option}");

        var line = Assert.Single(yaml.Split('\n'), l => l.Contains(comment));
        Assert.StartsWith("    # ", line);
        Assert.Single(ImportedYaml.Load(yaml).Groups);
    }

    [Fact]
    public void Warnings_are_listed_for_stderr_and_plain_notes_are_not()
    {
        var group = UcarpCommandLine.Parse("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -M -B -S".Split(' '));

        Assert.Equal(2, group.Warnings.Count);
        Assert.Contains(group.Warnings, w => w.StartsWith("-M ", StringComparison.Ordinal));
        Assert.Contains(group.Warnings, w => w.StartsWith("-S ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_up_script_gets_a_warning_that_failoverd_raises_the_vip_itself()
    {
        var group = UcarpCommandLine.Parse("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -u /etc/vip-up.sh".Split(' '));

        Assert.StartsWith("failoverd adds the VIPs itself", Assert.Single(group.Warnings));
        Assert.Contains("    # WARNING: failoverd adds the VIPs itself", GroupYaml.Write([group], "t"));
    }

    [Theory]
    [InlineData("ucarp -v 1 -p love -a 192.0.2.10", "--interface (-i) is required")]
    [InlineData("ucarp -i eth0 -p love -a 192.0.2.10", "--vhid (-v) is required")]
    [InlineData("ucarp -i eth0 -v 1 -p love", "--addr (-a) is required")]
    [InlineData("ucarp -i eth0 -v 1 -a 192.0.2.10", "--pass (-p) or --passfile (-o) is required")]
    [InlineData("ucarp -i eth0 -v 0 -p love -a 192.0.2.10", "--vhid: '0' is not an integer from 1 to 255")]
    [InlineData("ucarp -i eth0 --vhid=ten -p love -a 192.0.2.10", "--vhid: 'ten' is not an integer from 1 to 255")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -k 256", "--advskew: '256' is not an integer from 0 to 255")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -b 0", "--advbase: '0' is not an integer from 1 to 255")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -r -1", "--deadratio: '-1' is not an integer from 1 to 255")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2", "--addr: '192.0.2' is not an IPv4 address")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 2001:db8::1", "--addr: '2001:db8::1' is not an IPv4 address")]
    [InlineData("ucarp -i eth0 -v 1 -p 12345678901234567890 -a 192.0.2.10", "--pass: the password must be 1 to 19 bytes (it is 20)")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -u vip-up.sh", "--upscript: 'vip-up.sh' must be an absolute path")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 --bogus", "--bogus: not a ucarp option")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 -q", "-q: not a ucarp option")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a", "--addr: missing its value")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 extra", "'extra': ucarp takes no arguments")]
    [InlineData("ucarp -i eth0 -v 1 -p love -a 192.0.2.10 --preempt=yes", "--preempt takes no value")]
    public void Bad_input_names_the_option(string commandLine, string message)
    {
        var e = Assert.Throws<UcarpImportError>(() => UcarpCommandLine.Parse(commandLine.Split(' ')));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void A_bad_name_is_refused()
    {
        var e = Assert.Throws<UcarpImportError>(() => UcarpCommandLine.Parse("ucarp -i eth0 -v 1 -p love -a 192.0.2.10".Split(' '), "dns dhcp"));
        Assert.StartsWith("--name: 'dns dhcp'", e.Message);
    }
}
