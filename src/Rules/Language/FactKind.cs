namespace Failover.Rules.Language;

/// <summary>What a fact holds, which decides how it may be compared.</summary>
public enum FactKind
{
    /// <summary>True or false, tested bare: <c>drbd.r0.split_brain</c>, <c>not maintenance</c>.</summary>
    Flag,

    /// <summary>One word of a fixed set, compared with == and !=, ignoring case: <c>state == master</c>.</summary>
    Choice,

    /// <summary>An IPv4 address or <c>none</c>, compared with == and !=: <c>master == none</c>.</summary>
    Address,

    /// <summary>Time since something happened, all six comparisons: <c>since_transition &lt; 10m</c>. Infinite when it
    /// never happened.</summary>
    Elapsed,

    /// <summary>A percentage 0..100, all six comparisons: <c>drbd.r0.sync &gt;= 99.5</c>.</summary>
    Percent,
}
