using Failover.Daemon.Http;

namespace Failover.Daemon.Tests.Http;

/// <summary>The CARP machine's reasons (as CarpStateMachine writes them) folded into the metric's fixed label set.</summary>
public sealed class TransitionCauseTests
{
    [Theory]
    [InlineData("startup", "startup")]
    [InlineData("no advertisement for 3.5 s", "master_down")]
    [InlineData("link down", "link_down")]
    [InlineData("shutdown", "shutdown")]
    [InlineData("released by admin", "admin_release")]
    [InlineData("taken over by admin", "admin_takeover")]
    [InlineData("not eligible: rule dns-down: probe.named == down", "not_eligible")]
    [InlineData("preferred master 192.0.2.2 advertised (advbase 1 s, advskew 0)", "preferred_master")]
    [InlineData("master 192.0.2.2 bowed out (advbase 255 s, advskew 255)", "master_bowed_out")]
    [InlineData("preempting slower master 192.0.2.2 (advbase 1 s, advskew 100)", "preempt")]
    [InlineData("something new", "other")]
    [InlineData("", "other")]
    public void Each_reason_has_one_label(string reason, string label)
    {
        Assert.Equal(label, TransitionCause.Classify(reason));
        Assert.Contains(label, TransitionCause.All);
    }

    [Fact]
    public void Labels_are_prometheus_label_values_without_addresses()
    {
        Assert.All(TransitionCause.All, l => Assert.Matches("^[a-z_]+$", l));
        Assert.Equal(TransitionCause.All.Count, TransitionCause.All.Distinct().Count());
    }
}
