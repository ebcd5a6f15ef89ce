namespace Failover.Monitors.Exec;

/// <summary>What an <see cref="ExecProbe"/> runs: a Nagios-style check program, started without a shell.</summary>
public sealed record ExecProbeOptions
{
    /// <summary>The program and its arguments; argv[0] must be an absolute path (no PATH search, no shell).</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>Extra environment variables, e.g. a secret the check reads instead of taking it on its
    /// command line (which every user can read in /proc).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>After this the process tree is killed and the run counts as failed; keep it a little below
    /// the runner's timeout so the probe reports it rather than the runner.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
