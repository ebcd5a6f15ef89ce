using Failover.Lab.Tests.Harness;

namespace Failover.Lab.Tests;

public sealed class FailoverdConfigTests
{
    [Fact]
    public void Renders_the_config_failoverd_reads_for_one_group()
    {
        var yaml = FailoverdConfig.Render("n1", "/tmp/lab/n1.sock", "/tmp/lab/n1-state", new LabGroup());

        Assert.Equal(
            """
            node: { name: n1 }
            control: { socket: /tmp/lab/n1.sock }
            state_dir: /tmp/lab/n1-state
            groups:
              - name: web
                vhid: 42
                interface: eth0
                password: "secret"
                advbase: 1
                advskew: 0
                preempt: false
                vips: [192.0.2.100/24]

            """,
            yaml);
    }

    [Fact]
    public void Quotes_and_backslashes_in_the_password_are_escaped()
    {
        var yaml = FailoverdConfig.Render("n2", "/s", "/d", new LabGroup { Password = "a\"b\\c", AdvSkew = 50, Preempt = true });

        Assert.Contains("    password: \"a\\\"b\\\\c\"\n", yaml);
        Assert.Contains("    advskew: 50\n", yaml);
        Assert.Contains("    preempt: true\n", yaml);
    }
}
