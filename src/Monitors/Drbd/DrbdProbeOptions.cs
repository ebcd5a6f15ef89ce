namespace Failover.Monitors.Drbd;

/// <summary>What a <see cref="DrbdProbe"/> checks and where it reads the state.</summary>
public sealed record DrbdProbeOptions
{
    /// <summary>
    /// The resources that must all be healthy. An entry <c>minor:N</c> (or, for <see cref="DrbdSource.ProcDrbd"/>,
    /// a bare number <c>N</c>) names the device /dev/drbdN. Any other entry is a 9.x resource name, allowed only
    /// with <see cref="DrbdSource.Events2"/> (/proc/drbd of 8.x knows minors, not names); every volume of that
    /// resource is judged. With Events2 a bare number is a resource name, since 9.x names are free text.
    /// </summary>
    public required IReadOnlyList<string> Resources { get; init; }

    public DrbdSource Source { get; init; } = DrbdSource.ProcDrbd;

    /// <summary>The file read for <see cref="DrbdSource.ProcDrbd"/>.</summary>
    public string ProcPath { get; init; } = "/proc/drbd";

    /// <summary>The program and arguments run for <see cref="DrbdSource.Events2"/> (no shell; argv[0] is looked
    /// up in PATH when it is not a path). It must print the events2 dump, end it with <c>exists -</c>, and exit.</summary>
    public IReadOnlyList<string> Events2Command { get; init; } = ["drbdsetup", "events2", "--now", "all"];

    /// <summary>After this the read counts as failed (and the command's process tree is killed); keep it a little
    /// below the runner's timeout so the probe reports it rather than the runner.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
