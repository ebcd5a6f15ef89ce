namespace Failover.Rules.Decisions;

/// <summary>
/// One thing a rule's <c>then:</c> says. <see cref="Demote"/> and <see cref="ForbidMaster"/> hold while the rule holds
/// and show in <see cref="Engine.Evaluation.MayBecomeMaster"/> / <see cref="Engine.Evaluation.MayStayMaster"/>;
/// <see cref="HoldDown"/> starts when the rule fires and shows in <see cref="Engine.Evaluation.HoldDownUntil"/>; the
/// others are actions (<see cref="IsAction"/>), handed out once when the rule fires (and again per <c>repeat:</c>).
/// </summary>
public abstract record Decision
{
    /// <summary>Carried out by the action chains, rather than by the state machine.</summary>
    public abstract bool IsAction { get; }

    /// <summary>Order of decisions handed out together: recovery first, mail last (it can then tell what was done).</summary>
    internal abstract int Rank { get; }

    /// <summary>As failover.yaml writes it: <c>demote</c>, <c>hold_down: 4h</c>, <c>reconnect_drbd: r0</c>.</summary>
    public abstract override string ToString();
}
