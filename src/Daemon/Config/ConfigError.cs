namespace Failover.Daemon.Config;

/// <summary>One configuration problem, printed the way compilers do so editors can jump to it.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
