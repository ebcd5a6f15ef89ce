using Failover.Control;
using Failover.Daemon.Http;

namespace Failover.Daemon.Tests.Http;

public sealed class PrometheusTextTests
{
    /// <summary>The families docs/metrics.md promises, with their types.</summary>
    public static readonly (string Name, string Type)[] Families =
    [
        ("failover_build_info", "gauge"),
        ("failover_start_time_seconds", "gauge"),
        ("failover_standby", "gauge"),
        ("failover_group_maintenance", "gauge"),
        ("failover_group_state", "gauge"),
        ("failover_group_link_up", "gauge"),
        ("failover_group_eligible", "gauge"),
        ("failover_group_vips", "gauge"),
        ("failover_transitions_total", "counter"),
        ("failover_adverts_sent_total", "counter"),
        ("failover_adverts_received_total", "counter"),
        ("failover_adverts_rejected_total", "counter"),
        ("failover_advert_send_errors_total", "counter"),
        ("failover_probe_up", "gauge"),
        ("failover_probe_health", "gauge"),
        ("failover_probe_latency_seconds", "gauge"),
        ("failover_drbd_connection_state", "gauge"),
        ("failover_drbd_disk_state", "gauge"),
        ("failover_drbd_role", "gauge"),
        ("failover_drbd_up_to_date", "gauge"),
        ("failover_drbd_split_brain", "gauge"),
        ("failover_drbd_sync_ratio", "gauge"),
        ("failover_chain_step_duration_seconds", "histogram"),
        ("failover_mail_spool_messages", "gauge"),
        ("failover_mail_dead_letters", "gauge"),
        ("failover_peer_reachable", "gauge"),
        ("failover_peer_last_heard_seconds", "gauge"),
        ("failover_peer_group_state", "gauge"),
        ("failover_peer_rejects_total", "counter"),
    ];

    private static ExpositionLines Render(StatusReport report, IReadOnlyList<TransitionCount>? transitions = null, IReadOnlyList<StepDurations>? steps = null) =>
        ExpositionLines.Parse(PrometheusText.Render(report, transitions ?? [], steps ?? []));

    [Fact]
    public void Every_family_has_help_and_type_even_without_samples_and_follows_the_naming_conventions()
    {
        var empty = Render(new StatusReport("n1", "1.0", SampleReports.Now, []));
        var full = Render(SampleReports.Pair());

        foreach (var metrics in new[] { empty, full })
        {
            Assert.Equal(Families.Select(f => f.Name).Order(), metrics.Types.Keys.Order());
            foreach (var (name, type) in Families)
            {
                Assert.Equal(type, metrics.Types[name]);
                Assert.False(string.IsNullOrWhiteSpace(metrics.Helps[name]));
                Assert.StartsWith("failover_", name);
                Assert.Equal(type == "counter", name.EndsWith("_total", StringComparison.Ordinal));
                Assert.DoesNotMatch("_(ms|milliseconds|minutes|percent)(_|$)", name);
            }
        }
    }

    [Fact]
    public void Standby_and_maintenance_are_zero_or_one()
    {
        var at = SampleReports.Now;
        var normal = Render(SampleReports.Pair());
        var pair = SampleReports.Pair();
        var modes = Render(pair with
        {
            Standby = new ModeReport("root", at),
            Groups = pair.Groups.Select(g => g.Name == "dns" ? g with { Maintenance = new ModeReport("root", at) } : g).ToArray(),
        });

        Assert.Equal(0, normal.Value("failover_standby"));
        Assert.Equal(0, normal.Value("failover_group_maintenance", ("group", "dns")));
        Assert.Equal(1, modes.Value("failover_standby"));
        Assert.Equal(1, modes.Value("failover_group_maintenance", ("group", "dns")));
        Assert.Equal(0, modes.Value("failover_group_maintenance", ("group", "samba")));
    }

    [Fact]
    public void Group_state_is_a_state_set_and_peer_states_likewise()
    {
        var m = Render(SampleReports.Pair());

        Assert.Equal(1, m.Value("failover_group_state", ("group", "samba"), ("state", "master")));
        Assert.Equal(0, m.Value("failover_group_state", ("group", "samba"), ("state", "backup")));
        Assert.Equal(0, m.Value("failover_group_state", ("group", "samba"), ("state", "init")));
        Assert.Equal(1, m.Value("failover_group_state", ("group", "dns"), ("state", "backup")));
        Assert.Equal(1, m.Value("failover_peer_group_state", ("peer", "n2"), ("group", "dns"), ("state", "master")));
        Assert.Equal(1, m.Value("failover_peer_reachable", ("peer", "n2")));
        Assert.Equal(2, m.Value("failover_peer_rejects_total", ("peer", "n2"), ("reason", "BadMac")));
        Assert.Equal(0, m.Value("failover_group_eligible", ("group", "dns")));
        Assert.Equal(2, m.Value("failover_group_vips", ("group", "dns")));
    }

    [Fact]
    public void Adverts_count_by_group_and_every_reject_reason_has_a_series_from_zero()
    {
        var m = Render(SampleReports.Pair());

        Assert.Equal(2520, m.Value("failover_adverts_sent_total", ("group", "samba")));
        Assert.Equal(10800, m.Value("failover_adverts_received_total", ("group", "dns")));
        Assert.Equal(3, m.Value("failover_adverts_rejected_total", ("group", "samba"), ("reason", "bad_hmac")));
        Assert.Equal(0, m.Value("failover_adverts_rejected_total", ("group", "dns"), ("reason", "bad_hmac")));
        Assert.Equal(0, m.Value("failover_adverts_rejected_total", ("group", "dns"), ("reason", "bad_ttl")));
        Assert.DoesNotContain(m.Samples, s => s.Labels.GetValueOrDefault("reason") == "own_packet");
    }

    [Fact]
    public void Probes_this_node_ran_report_up_health_and_latency_in_seconds()
    {
        var m = Render(SampleReports.Pair());

        Assert.Equal(1, m.Value("failover_probe_up", ("probe", "smb"), ("target", "self")));
        Assert.Equal(0, m.Value("failover_probe_up", ("probe", "ldap")));
        Assert.Equal(1, m.Value("failover_probe_health", ("probe", "ldap"), ("health", "down")));
        Assert.Equal(0.0125, m.Value("failover_probe_latency_seconds", ("probe", "smb")));
        // The peer's measurement of this node is in the peer's metrics; this node's of the peer is target=peer.
        Assert.Equal(1, m.Samples.Count(s => s.Name == "failover_probe_up" && s.Labels["probe"] == "smb"));
        Assert.Equal(1, m.Value("failover_probe_health", ("probe", "reach"), ("target", "peer"), ("health", "unknown")));
        Assert.DoesNotContain(m.Samples, s => s.Name == "failover_probe_latency_seconds" && s.Labels["probe"] == "reach");
    }

    [Fact]
    public void Drbd_states_are_labels_and_the_resync_a_ratio()
    {
        var m = Render(SampleReports.Pair());

        Assert.Equal(1, m.Value("failover_drbd_connection_state", ("resource", "r0"), ("state", "SyncSource")));
        Assert.Equal(1, m.Value("failover_drbd_disk_state", ("resource", "r0"), ("side", "peer"), ("state", "Inconsistent")));
        Assert.Equal(1, m.Value("failover_drbd_role", ("resource", "r0"), ("side", "local"), ("role", "Primary")));
        Assert.Equal(1, m.Value("failover_drbd_up_to_date", ("group", "samba"), ("resource", "r0")));
        Assert.Equal(0, m.Value("failover_drbd_split_brain", ("resource", "r0")));
        Assert.Equal(0.425, m.Value("failover_drbd_sync_ratio", ("resource", "r0")));
        Assert.DoesNotContain(m.Samples, s => s.Name.StartsWith("failover_drbd_", StringComparison.Ordinal) && s.Labels["group"] == "dns");
    }

    [Fact]
    public void Transitions_and_the_mail_spool()
    {
        var m = Render(SampleReports.Pair(), [new TransitionCount("samba", "master", "master_down", 4)]);

        Assert.Equal(4, m.Value("failover_transitions_total", ("group", "samba"), ("to", "master"), ("reason", "master_down")));
        Assert.Equal(2, m.Value("failover_mail_spool_messages", ("relay", "192.0.2.25:25")));
        Assert.Equal(1, m.Value("failover_mail_dead_letters"));
        Assert.Equal(0, Render(SampleReports.Pair() with { Mail = null }).Count("failover_mail_spool_messages"));
    }

    [Fact]
    public void The_step_histogram_has_cumulative_buckets_ending_in_inf_equal_to_the_count()
    {
        long[] buckets = new long[StepDurations.UpperBounds.Count + 1];
        buckets[0] = 2;
        buckets[3] = 1;
        buckets[^1] = 1;
        var m = Render(SampleReports.Pair(), steps: [new StepDurations("samba", "on_master", "vip up", "ok", buckets, 400.2, 4)]);

        var series = m.Samples.Where(s => s.Name == "failover_chain_step_duration_seconds_bucket").ToArray();
        Assert.Equal(StepDurations.UpperBounds.Count + 1, series.Length);
        Assert.Equal(series.Select(s => s.Value).Order(), series.Select(s => s.Value));
        Assert.Equal(2, m.Value("failover_chain_step_duration_seconds_bucket", ("le", "0.01")));
        Assert.Equal(3, m.Value("failover_chain_step_duration_seconds_bucket", ("le", "0.25")));
        Assert.Equal(3, m.Value("failover_chain_step_duration_seconds_bucket", ("le", "300")));
        Assert.Equal(4, m.Value("failover_chain_step_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(4, m.Value("failover_chain_step_duration_seconds_count", ("step", "vip up")));
        Assert.Equal(400.2, m.Value("failover_chain_step_duration_seconds_sum", ("chain", "on_master")));
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var step = "exec /bin/sh -c \"echo \\\\ done\"\nnext";
        var text = PrometheusText.Render(SampleReports.Pair(), [],
            [new StepDurations("samba", "on_master", step, "ok", new long[StepDurations.UpperBounds.Count + 1], 0, 0)]);

        Assert.Contains("step=\"exec /bin/sh -c \\\"echo \\\\\\\\ done\\\"\\nnext\"", text);
        Assert.Equal(step, ExpositionLines.Parse(text).Samples.First(s => s.Labels.ContainsKey("step")).Labels["step"]);
    }
}
