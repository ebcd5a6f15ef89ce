namespace Failover.Monitors.Drbd;

/// <summary>What a <see cref="DrbdProbe"/> checks and where it reads the state.</summary>
public sealed record DrbdProbeOptions
{
    /// <summary>
    /// The resources that must all be healthy. An entry <c>minor:N</c> (or, for <see cref="DrbdSource.ProcDrbd"/>,
    /// a bare number <c>N</c>) names the device /dev/drbdN. Any other entry is a 9.x resource name, allowed only
    /// with the events2 sources (/proc/drbd of 8.x knows minors, not names); every volume of that resource is
    /// judged. With events2 a bare number is a resource name, since 9.x names are free text.
    /// </summary>
    public required IReadOnlyList<string> Resources { get; init; }

    public DrbdSource Source { get; init; } = DrbdSource.ProcDrbd;

    /// <summary>The file read for <see cref="DrbdSource.ProcDrbd"/>.</summary>
    public string ProcPath { get; init; } = "/proc/drbd";

    /// <summary>For <see cref="DrbdSource.ProcDrbd"/>: a kernel log to follow for "Split-Brain detected … dropping
    /// connection!" (normally /dev/kmsg; any file or FIFO of kernel log lines works). Null: not followed, and a
    /// split brain shows only as StandAlone.</summary>
    public string? KernelLogPath { get; init; }

    /// <summary>The program and arguments for the events2 sources (no shell; argv[0] is looked up in PATH when it
    /// is not a path). Null: <see cref="DefaultEvents2Command"/>.</summary>
    public IReadOnlyList<string>? Events2Command { get; init; }

    /// <summary>For <see cref="DrbdSource.ProcDrbd"/> and <see cref="DrbdSource.Events2Now"/>: after this the read
    /// counts as failed (and the command's process tree is killed). For <see cref="DrbdSource.Events2"/>: how long a
    /// run waits for a freshly started stream's initial dump. Keep it a little below the runner's timeout so the
    /// probe reports it rather than the runner.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>For <see cref="DrbdSource.Events2"/>: a drbdsetup that has not ended its initial dump by then is
    /// taken for hung, killed and restarted.</summary>
    public TimeSpan DumpTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>For <see cref="DrbdSource.Events2"/>: the wait before restarting a drbdsetup that exited; it doubles
    /// with each exit up to 30 s (or this, if longer) and starts again from here once a dump completes.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The command an events2 source runs when <see cref="Events2Command"/> is null.</summary>
    public static IReadOnlyList<string> DefaultEvents2Command(DrbdSource source) =>
        source == DrbdSource.Events2Now ? ["drbdsetup", "events2", "--now", "all"] : ["drbdsetup", "events2", "all"];

    internal IReadOnlyList<string> Events2Argv => Events2Command ?? DefaultEvents2Command(Source);
}
