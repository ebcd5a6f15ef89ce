using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Actions.Tests.Support;
using System.Net;

namespace Failover.Actions.Tests.Steps;

/// <summary>The drbd step against a simulated drbdadm (Sim/drbdadm-sim).</summary>
public sealed class DrbdStepTests : IDisposable
{
    private readonly SimDirectory _sim = new();
    private readonly SystemSteps _steps;
    private readonly string _drbdadm;

    public DrbdStepTests()
    {
        _drbdadm = _sim.Command("drbdadm", "drbdadm-sim");
        _sim.Touch("resource.r0");
        _steps = new SystemSteps(new FakeVips(), "eth0", IPAddress.Parse("192.0.2.100"), TimeProvider.System);
    }

    public void Dispose() => _sim.Dispose();

    private Task<StepOutcome> Run(DrbdTargetRole role, string resource = "r0", double timeoutSeconds = 10)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        return _steps.RunAsync(new DrbdStep(resource, role, _drbdadm, timeout), new CancellationTokenSource(timeout).Token);
    }

    [Fact]
    public async Task Promotes_and_demotes_with_drbdadm_and_doing_it_twice_is_fine()
    {
        Assert.Equal(StepOutcome.Ok("exit 0"), await Run(DrbdTargetRole.Primary));
        Assert.Equal("Primary", _sim.Read("role.r0").Trim());
        Assert.True((await Run(DrbdTargetRole.Primary)).Succeeded);

        Assert.Equal(StepOutcome.Ok("exit 0"), await Run(DrbdTargetRole.Secondary));
        Assert.Equal("Secondary", _sim.Read("role.r0").Trim());
        Assert.True((await Run(DrbdTargetRole.Secondary)).Succeeded);

        Assert.Equal(["primary r0", "primary r0", "secondary r0", "secondary r0"], _sim.Calls);
    }

    [Fact]
    public async Task A_refused_promotion_is_retried_until_the_peer_has_demoted()
    {
        _sim.Touch("peer-primary.r0");
        var promoting = Run(DrbdTargetRole.Primary);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        File.Delete(_sim.File("peer-primary.r0"));

        var outcome = await promoting;

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Matches(@"^exit 0 \(attempt ([2-9]|[1-9][0-9]+)\)$", outcome.Detail);
        Assert.Equal("Primary", _sim.Read("role.r0").Trim());
    }

    [Fact]
    public async Task A_promotion_refused_until_the_deadline_fails_with_drbdadms_complaint()
    {
        _sim.Touch("peer-primary.r0");

        var outcome = await Run(DrbdTargetRole.Primary, timeoutSeconds: 2.5);

        Assert.False(outcome.Succeeded);
        Assert.Matches(@"^exit 11: r0: State change failed: \(-1\) Multiple primaries not allowed by config \([0-9]+ attempts\)$", outcome.Detail);
        Assert.Contains("Command 'drbdsetup primary r0' terminated with exit code 11", outcome.Output);
    }

    [Fact]
    public async Task A_refused_demotion_fails_at_once()
    {
        _sim.Touch("in-use.r0");

        var outcome = await Run(DrbdTargetRole.Secondary);

        Assert.Equal("exit 11: r0: State change failed: (-12) Device is held open by someone", outcome.Detail);
        Assert.Single(_sim.Calls);
    }

    [Fact]
    public async Task An_unknown_resource_fails_with_drbdadms_message()
    {
        var outcome = await Run(DrbdTargetRole.Secondary, resource: "r9");

        Assert.Equal(StepOutcome.Failed("exit 10: 'r9' not defined in your config (for this host).",
            "'r9' not defined in your config (for this host)."), outcome);
    }

    [Fact]
    public async Task A_missing_drbdadm_says_so()
    {
        var step = new DrbdStep("r0", DrbdTargetRole.Secondary, _sim.File("no-drbdadm"), TimeSpan.FromSeconds(5));

        var outcome = await _steps.RunAsync(step, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith($"cannot run {_sim.File("no-drbdadm")}: ", outcome.Detail);
    }
}
