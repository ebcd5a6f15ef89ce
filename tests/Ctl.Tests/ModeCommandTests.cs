using Failover.Control;

namespace Failover.Ctl.Tests;

public sealed class ModeCommandTests
{
    [Theory]
    [InlineData("standby on", "standby-on", null)]
    [InlineData("standby off", "standby-off", null)]
    [InlineData("maintenance on", "maintenance-on", null)]
    [InlineData("maintenance off", "maintenance-off", null)]
    [InlineData("maintenance on samba", "maintenance-on", "samba")]
    [InlineData("maintenance off samba", "maintenance-off", "samba")]
    public void Mode_verbs_become_requests(string commandLine, string command, string? group)
    {
        var words = commandLine.Split(' ');

        Assert.Equal(new ControlRequest(command, group), CtlCommand.ModeRequest(words[0], words[1..]));
    }

    [Theory]
    [InlineData("standby", "failoverctl: say 'standby on' or 'standby off'")]
    [InlineData("standby yes", "failoverctl: say 'standby on' or 'standby off'")]
    [InlineData("standby on samba", "failoverctl: say 'standby on' or 'standby off'")]
    [InlineData("maintenance", "failoverctl: say 'maintenance on [GROUP]' or 'maintenance off [GROUP]'")]
    [InlineData("maintenance on --json", "failoverctl: say 'maintenance on [GROUP]' or 'maintenance off [GROUP]'")]
    [InlineData("maintenance on a b", "failoverctl: say 'maintenance on [GROUP]' or 'maintenance off [GROUP]'")]
    public async Task Bad_mode_usage_exits_2_and_says_what_is_expected(string commandLine, string error)
    {
        var stderr = new StringWriter();

        Assert.Equal(2, await CtlCommand.RunAsync(commandLine.Split(' '), new StringWriter(), stderr));
        Assert.Equal(error, stderr.ToString().Trim());
    }

    [Fact]
    public async Task Mode_verbs_are_in_the_usage()
    {
        var stdout = new StringWriter();
        await CtlCommand.RunAsync(["--help"], stdout, new StringWriter());

        Assert.Contains("failoverctl [--socket PATH] standby on|off", stdout.ToString());
        Assert.Contains("failoverctl [--socket PATH] maintenance on|off [GROUP]", stdout.ToString());
    }

    [Fact]
    public async Task A_mode_verb_against_no_daemon_exits_1()
    {
        var stderr = new StringWriter();
        var socket = Path.Combine(Path.GetTempPath(), $"nowhere-{Guid.NewGuid():N}.sock");

        Assert.Equal(1, await CtlCommand.RunAsync(["--socket", socket, "standby", "on"], new StringWriter(), stderr));
        Assert.Contains("cannot reach failoverd", stderr.ToString());
    }

    [Fact]
    public void Status_shows_node_modes_a_group_maintenance_and_who_set_a_preference()
    {
        var at = new DateTimeOffset(2026, 11, 21, 21, 40, 0, TimeSpan.Zero);
        var local = at.ToLocalTime().ToString("yyyy-MM-dd HH:mm");
        var root = new ModeReport("root (uid 0, pid 4242)", at);
        var adverts = new AdvertReport(0, 0, 0, new Dictionary<string, long>());
        var report = new StatusReport("n1", "1.0.0", DateTimeOffset.UnixEpoch,
        [
            new GroupReport("dns", 200, "eth0", "192.0.2.1", ["192.0.2.100/24"], "BACKUP", "up", "192.0.2.2", null, "taken-over", adverts, [],
                Maintenance: root, PreferenceSet: root),
        ], Standby: root);
        var output = new StringWriter();

        StatusTable.Write(report, output);
        var lines = output.ToString().Split('\n');

        Assert.Equal($"MODE: standby (set by root (uid 0, pid 4242) at {local}): refuses MASTER for every group; end it with: failoverctl standby off", lines[1]);
        Assert.Contains($"  MODE         maintenance (set by root (uid 0, pid 4242) at {local}): no action taken; end it with: failoverctl maintenance off dns", lines);
        Assert.Contains($"  admin        taken-over (set by root (uid 0, pid 4242) at {local}) (undo with: failoverctl clear dns)", lines);
    }

    [Fact]
    public void Node_maintenance_is_one_line_at_the_top_not_repeated_per_group()
    {
        var root = new ModeReport("root (uid 0, pid 1)", DateTimeOffset.UnixEpoch);
        var adverts = new AdvertReport(0, 0, 0, new Dictionary<string, long>());
        var report = new StatusReport("n1", "1.0.0", DateTimeOffset.UnixEpoch,
            [new GroupReport("dns", 200, "eth0", "192.0.2.1", ["192.0.2.100/24"], "MASTER", "up", "192.0.2.1", null, "none", adverts, [], Maintenance: root)],
            Maintenance: root);
        var output = new StringWriter();

        StatusTable.Write(report, output);

        Assert.Single(output.ToString().Split('\n'), l => l.Contains("maintenance", StringComparison.Ordinal));
        Assert.StartsWith("MODE: maintenance (set by root (uid 0, pid 1) at ", output.ToString().Split('\n')[1]);
    }

    [Fact]
    public void The_peers_modes_show_on_its_group_line()
    {
        var adverts = new AdvertReport(0, 0, 0, new Dictionary<string, long>());
        var peer = new PeerReport("n2", "192.0.2.2:7420", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "0.1.0",
            [new PeerGroupReport("dns", "BACKUP", "up", [], Standby: true, Maintenance: true)], new Dictionary<string, long>());
        var report = new StatusReport("n1", "1.0.0", DateTimeOffset.UnixEpoch,
            [new GroupReport("dns", 200, "eth0", "192.0.2.1", ["192.0.2.100/24"], "MASTER", "up", "192.0.2.1", null, "none", adverts, [])], peer);
        var output = new StringWriter();

        StatusTable.Write(report, output);

        Assert.Contains("  group        dns: BACKUP, link up, STANDBY, MAINTENANCE\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
