using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary><c>systemctl start|stop|restart NAME</c>; starting a started unit and stopping a stopped one succeed.</summary>
/// <param name="Command">systemctl's path; tests point it at a simulated systemctl.</param>
public sealed record ServiceStep(string Name, ServiceAction Action, string Command, TimeSpan Timeout) : ChainStep(Timeout)
{
    public const string DefaultCommand = "/bin/systemctl";

    /// <summary>Longer than systemd's own 90 s start timeout, so systemd reports a hung start rather than us.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(120);

    public string Verb => Action.ToString().ToLowerInvariant();

    public override string Describe() => $"service {Name} {Verb}";

    /// <summary>A restart has no undo: the service ran before it and runs after it.</summary>
    public override ChainStep? Undo() => Action switch
    {
        ServiceAction.Start => this with { Action = ServiceAction.Stop },
        ServiceAction.Stop => this with { Action = ServiceAction.Start },
        _ => null,
    };
}
