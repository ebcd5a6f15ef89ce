namespace Failover.Daemon.Config;

/// <summary>
/// Our own small YAML tree: only what binding needs (shape, text, position), so the binder
/// can report every error with its line and column instead of YamlDotNet's first exception.
/// </summary>
internal abstract record ConfigNode(TextPosition Position)
{
    /// <summary>True for an empty value, <c>~</c> or <c>null</c>, which count as "not given".</summary>
    public virtual bool IsNull => false;
}
