namespace Failover.Rules.Decisions;

/// <summary><c>restart_service: smbd</c>: restart a systemd unit.</summary>
public sealed record RestartService(string Service) : Decision
{
    public const string Key = "restart_service";

    public override bool IsAction => true;

    internal override int Rank => 5;

    public override string ToString() => $"{Key}: {Service}";
}
