using System.Net;
using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Actions.Tests.Support;

namespace Failover.Actions.Tests.Steps;

/// <summary>The service step against a simulated systemctl (Sim/systemctl-sim).</summary>
public sealed class ServiceStepTests : IDisposable
{
    private readonly SimDirectory _sim = new();
    private readonly SystemSteps _steps = new(new FakeVips(), "eth0", IPAddress.Parse("192.0.2.100"), TimeProvider.System);
    private readonly string _systemctl;

    public ServiceStepTests()
    {
        _systemctl = _sim.Command("systemctl", "systemctl-sim");
        _sim.Touch("unit.smbd");
    }

    public void Dispose() => _sim.Dispose();

    private Task<StepOutcome> Run(string unit, ServiceAction action) =>
        _steps.RunAsync(new ServiceStep(unit, action, _systemctl, TimeSpan.FromSeconds(10)), CancellationToken.None);

    [Fact]
    public async Task Starts_stops_and_restarts_with_systemctl_and_starting_twice_is_fine()
    {
        Assert.Equal(StepOutcome.Ok("exit 0"), await Run("smbd", ServiceAction.Start));
        Assert.Equal(StepOutcome.Ok("exit 0"), await Run("smbd", ServiceAction.Start));
        Assert.Equal("active", _sim.Read("state.smbd").Trim());
        Assert.True((await Run("smbd", ServiceAction.Restart)).Succeeded);
        Assert.True((await Run("smbd", ServiceAction.Stop)).Succeeded);
        Assert.Equal("inactive", _sim.Read("state.smbd").Trim());

        Assert.Equal(["start smbd", "start smbd", "restart smbd", "stop smbd"], _sim.Calls);
    }

    [Fact]
    public async Task A_failed_start_reports_systemctls_first_line_and_keeps_all_of_its_output()
    {
        _sim.Touch("broken.smbd");

        var outcome = await Run("smbd", ServiceAction.Start);

        Assert.False(outcome.Succeeded);
        Assert.Equal("exit 1: Job for smbd.service failed because the control process exited with error code.", outcome.Detail);
        Assert.EndsWith("See \"systemctl status smbd.service\" and \"journalctl -xeu smbd.service\" for details.", outcome.Output);
    }

    [Fact]
    public async Task An_unknown_unit_fails()
    {
        var outcome = await Run("nmbd", ServiceAction.Stop);

        Assert.Equal("exit 5: Failed to stop nmbd.service: Unit nmbd.service not found.", outcome.Detail);
    }
}
