using Failover.Rules.Language;

namespace Failover.Rules.Decisions;

/// <summary><c>hold_down: 4h</c>: once the rule fires, don't become MASTER for that long, even when it no longer holds
/// (flap damping: UcManager slowed its cron to every 4 h after a failover).</summary>
public sealed record HoldDown(TimeSpan Duration) : Decision
{
    public const string Key = "hold_down";

    public override bool IsAction => false;

    internal override int Rank => 2;

    public override string ToString() => $"{Key}: {DurationLiteral.Format(Duration)}";
}
