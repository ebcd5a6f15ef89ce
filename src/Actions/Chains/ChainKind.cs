namespace Failover.Actions.Chains;

/// <summary>Which transition a chain carries out.</summary>
public enum ChainKind
{
    /// <summary>on_master: stop at the first failed step and undo what was done.</summary>
    VipUp,

    /// <summary>on_backup: run every step whatever fails, and report each failure.</summary>
    VipDown,
}
