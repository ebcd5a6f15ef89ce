namespace Failover.Rules.Engine;

public enum VetoKind
{
    /// <summary>The node must not become MASTER; a MASTER stays one.</summary>
    ForbidsBecoming,

    /// <summary>The node must not be MASTER: a MASTER leaves, a BACKUP stays.</summary>
    Demotes,
}
