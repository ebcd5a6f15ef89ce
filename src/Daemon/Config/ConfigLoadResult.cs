namespace Failover.Daemon.Config;

/// <summary>Either a usable configuration (no errors) or every error found, in file order.</summary>
public sealed record ConfigLoadResult(FailoverConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
