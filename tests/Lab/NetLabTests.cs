using System.Globalization;
using System.Text.RegularExpressions;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

public sealed class NetLabTests(ITestOutputHelper output)
{
    [LabFact]
    public async Task Disposing_kills_every_process_inside_and_deletes_every_namespace()
    {
        var lab = new NetLab(output.WriteLine);
        var node = lab.AddNode("n1", "192.0.2.1/24");
        var started = lab.Start(node, ["sleep", "600"]);
        // A process the lab did not start, like an orphaned child of a daemon's script.
        var stray = int.Parse(
            lab.Exec(node, "sh", "-c", "sleep 600 </dev/null >/dev/null 2>&1 & echo $!").StdOut.Trim(),
            CultureInfo.InvariantCulture);
        Assert.Throws<InvalidOperationException>(() => lab.AddNode("half", "192.0.2.300/24"));
        var made = lab.Namespaces;

        await lab.DisposeAsync();

        Assert.Contains($"{lab.Prefix}-half", made);
        Assert.Equal(3, made.Count);
        Assert.Empty(ListedNamespaces().Intersect(made));
        Assert.True(started.HasExited);
        Assert.False(IsRunning(stray), $"stray process {stray} survived");
        Assert.False(Directory.Exists(lab.WorkDirectory));
    }

    [LabFact]
    public async Task Cutting_the_link_takes_the_carrier_from_the_nodes_eth0_and_plugging_brings_it_back()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = lab.AddNode("n1", "192.0.2.1/24");
        var n2 = lab.AddNode("n2", "192.0.2.2/24");
        var ping = LabTool.Require("ping", "iputils-ping");
        Assert.True(lab.HasCarrier(n1));
        Assert.True(lab.Exec(n2, ping, "-c", "1", "-W", "2", "192.0.2.1").Succeeded, "n2 reaches n1 over the bridge");

        lab.CutLink(n1);

        Assert.False(lab.HasCarrier(n1));
        Assert.Equal("0", lab.Exec(n1, "cat", "/sys/class/net/eth0/carrier").StdOut.Trim());
        Assert.False(lab.Exec(n2, ping, "-c", "1", "-W", "1", "192.0.2.1").Succeeded, "n1 is unreachable");

        lab.PlugLink(n1);

        await Poll.Until(() => lab.HasCarrier(n1), TimeSpan.FromSeconds(2), "carrier back on n1");
        Assert.True(lab.Exec(n2, ping, "-c", "1", "-W", "2", "192.0.2.1").Succeeded, "n2 reaches n1 again");
    }

    [LabFact]
    public async Task Exec_runs_inside_the_node_and_reports_exit_code_and_both_streams()
    {
        await using var lab = new NetLab(output.WriteLine);
        var node = lab.AddNode("n1", "192.0.2.1/24");

        var (exitCode, stdout, stderr) = lab.Exec(node, "sh", "-c", "ip -o -4 addr show dev eth0; echo oops >&2; exit 3");

        Assert.Equal(3, exitCode);
        Assert.Contains("inet 192.0.2.1/24", stdout);
        Assert.Equal("oops\n", stderr);
    }

    [LabFact]
    public async Task HasAddress_sees_an_address_added_on_eth0_and_only_that_one()
    {
        await using var lab = new NetLab(output.WriteLine);
        var node = lab.AddNode("n1", "192.0.2.1/24");
        Assert.False(lab.HasAddress(node, "192.0.2.100"));

        Assert.True(lab.Exec(node, "ip", "addr", "add", "192.0.2.100/24", "dev", "eth0").Succeeded);

        Assert.True(lab.HasAddress(node, "192.0.2.100"));
        Assert.True(lab.HasAddress(node, "192.0.2.100/24"));
        Assert.False(lab.HasAddress(node, "192.0.2.10"));
    }

    [LabFact]
    public async Task Stop_sends_SIGTERM_first_and_the_output_is_kept_line_by_line()
    {
        await using var lab = new NetLab(output.WriteLine);
        var node = lab.AddNode("n1", "192.0.2.1/24");
        var process = lab.Start(
            node,
            ["sh", "-c", "trap 'echo terminated; exit 7' TERM; echo ready; echo to-stderr >&2; while :; do sleep 0.05; done"]);
        await process.WaitForLine(new Regex("^ready$"), TimeSpan.FromSeconds(5));
        await process.WaitForLine(new Regex("to-stderr"), TimeSpan.FromSeconds(5));

        await process.Stop();

        Assert.Equal(7, process.ExitCode);
        Assert.Contains(process.Lines, l => l is { Text: "terminated", IsError: false });
        Assert.Contains(process.Lines, l => l is { Text: "to-stderr", IsError: true });
        var ended = await Assert.ThrowsAsync<InvalidOperationException>(
            () => process.WaitForLine(new Regex("never"), TimeSpan.FromSeconds(5)));
        Assert.Contains("ended (exit 7)", ended.Message);
    }

    [Fact]
    public void A_missing_tool_is_an_error_naming_the_package_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LabTool.Require("no-such-lab-tool", "some-package"));

        Assert.Contains("apt-get install -y some-package", error.Message);
    }

    // What `ip netns list` shows: the names under /run/netns.
    private static string[] ListedNamespaces() =>
        Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>().ToArray() : [];

    private static bool IsRunning(int pid)
    {
        try
        {
            // Field 3 of /proc/PID/stat is the state; Z (zombie) is dead but not yet reaped.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
