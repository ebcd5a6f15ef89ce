using Failover.Control;
using Failover.Package.Tests.Harness;

namespace Failover.Package.Tests;

/// <summary>packaging/deb's bash completion against a failoverctl that answers with real usage text and status JSON.</summary>
public sealed class CompletionTests : IDisposable
{
    private static readonly string CompletionFile =
        Path.Combine(RepositoryRoot.Find(), "packaging", "deb", "failoverctl.bash-completion");

    private readonly FakeFailoverctl _ctl = new(Status());

    [Fact]
    public void First_word_is_a_verb_of_the_usage_text_or_an_option()
    {
        Assert.Equal(["--help", "--socket", "--version", "clear", "events", "explain", "import-ucarp", "maintenance", "probe", "release",
            "splitbrain", "standby", "status", "sync", "takeover"], _ctl.Complete(CompletionFile, "failoverctl "));
        Assert.Equal(["splitbrain", "standby", "status", "sync"], _ctl.Complete(CompletionFile, "failoverctl s"));
    }

    [Fact]
    public void Modes_take_on_or_off_and_maintenance_a_group_after_it()
    {
        Assert.Equal(["off", "on"], _ctl.Complete(CompletionFile, "failoverctl standby "));
        Assert.Empty(_ctl.Complete(CompletionFile, "failoverctl standby on "));
        Assert.Equal(["off", "on"], _ctl.Complete(CompletionFile, "failoverctl maintenance "));
        Assert.Equal(["dns-dhcp", "web"], _ctl.Complete(CompletionFile, "failoverctl maintenance on "));
    }

    [Fact]
    public void Events_complete_options_and_a_group_after_group()
    {
        Assert.Equal(["--follow", "--group", "--json", "--since"], _ctl.Complete(CompletionFile, "failoverctl events "));
        Assert.Equal(["dns-dhcp", "web"], _ctl.Complete(CompletionFile, "failoverctl events --group "));
        Assert.Equal(["--follow"], _ctl.Complete(CompletionFile, "failoverctl events --since 1h --f"));
    }

    [Fact]
    public void A_verb_added_to_the_usage_text_completes_with_group_names()
    {
        using var ctl = new FakeFailoverctl(Status(), "       failoverctl [--socket PATH] freeze GROUP\n");

        Assert.Contains("freeze", ctl.Complete(CompletionFile, "failoverctl "));
        Assert.Equal(["dns-dhcp", "web"], ctl.Complete(CompletionFile, "failoverctl freeze "));
    }

    [Fact]
    public void Group_verbs_complete_this_nodes_groups_not_the_peers()
    {
        Assert.Equal(["dns-dhcp", "web"], _ctl.Complete(CompletionFile, "failoverctl release "));
        Assert.Equal(["web"], _ctl.Complete(CompletionFile, "failoverctl takeover w"));
        Assert.Equal(["--dry-run"], _ctl.Complete(CompletionFile, "failoverctl sync web "));
        Assert.Equal(["--json", "dns-dhcp", "web"], _ctl.Complete(CompletionFile, "failoverctl explain "));
        Assert.Empty(_ctl.Complete(CompletionFile, "failoverctl clear web "));
    }

    [Fact]
    public void Probe_completes_this_nodes_probes_with_and_without_their_group()
    {
        Assert.Equal(["bind", "dhcp", "dns-dhcp/bind", "dns-dhcp/dhcp"], _ctl.Complete(CompletionFile, "failoverctl probe "));
    }

    [Fact]
    public void Splitbrain_resolve_completes_its_options_and_the_node_names()
    {
        Assert.Equal(["resolve", "status"], _ctl.Complete(CompletionFile, "failoverctl splitbrain "));
        Assert.Equal(["--discard", "--dry-run"], _ctl.Complete(CompletionFile, "failoverctl splitbrain resolve web "));
        Assert.Equal(["n1", "n2"], _ctl.Complete(CompletionFile, "failoverctl splitbrain resolve web --discard "));
    }

    [Fact]
    public void The_socket_option_is_passed_on_to_status()
    {
        Assert.Equal(["dns-dhcp", "web"], _ctl.Complete(CompletionFile, "failoverctl --socket /tmp/other.sock clear "));
        Assert.Contains("--socket /tmp/other.sock status --json", _ctl.Calls);
    }

    [Fact]
    public void Without_a_daemon_group_verbs_offer_nothing_and_options_still_complete()
    {
        using var ctl = new FakeFailoverctl(status: null);

        Assert.Empty(ctl.Complete(CompletionFile, "failoverctl release "));
        Assert.Equal(["--json"], ctl.Complete(CompletionFile, "failoverctl explain "));
        Assert.Contains("status --json", ctl.Calls);
    }

    public void Dispose() => _ctl.Dispose();

    /// <summary>Two groups, probes on one, and a peer whose groups and probes must not be offered.</summary>
    private static StatusReport Status()
    {
        var adverts = new AdvertReport(10, 20, 0, new Dictionary<string, long>());
        ProbeReport Probe(string name, string kind) => new("dns-dhcp", name, kind, "UP", null, 1.5, DateTimeOffset.UnixEpoch, 2, 0);
        GroupReport Group(string name, int vhid, params ProbeReport[] probes) =>
            new(name, vhid, "eth0", "192.0.2.1", ["192.0.2.10/24"], "BACKUP", "up", "192.0.2.2", null, "none", adverts, probes);
        var peer = new PeerReport("n2", "192.0.2.2:7420", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "0.1.0",
            [new PeerGroupReport("peer-only-group", "MASTER", "up", [new PeerProbeReport("peer-probe", "dns", "UP", null)])],
            new Dictionary<string, long>());
        return new StatusReport("n1", "0.1.0", DateTimeOffset.UnixEpoch,
            [Group("dns-dhcp", 200, Probe("bind", "dns"), Probe("dhcp", "dhcp")), Group("web", 10)], peer);
    }
}
