using Failover.Monitors.Drbd;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>drbd: { resources: [r0, r1], source: events2 }</c> (DRBD 9: resource names, from a long-running
/// <c>drbdsetup events2 all</c>; <c>source: events2-now</c> runs <c>drbdsetup events2 --now all</c> per run instead)
/// or <c>drbd: { resources: ["minor:0"], kernel_log: /dev/kmsg }</c> (DRBD 8.x, from /proc/drbd, with split brain
/// read from the kernel log). Healthy only when Connected, the local disk UpToDate, and no split brain.
/// </summary>
internal static class DrbdProbeBinder
{
    public const string Kind = "drbd";
    public static readonly string[] Keys = ["resources", "source", "proc_path", "kernel_log", "command"];

    private const string SourceError =
        "drbd source must be proc (DRBD 8.x, /proc/drbd), events2 (DRBD 9, a streamed drbdsetup events2) or events2-now (DRBD 9, drbdsetup events2 --now per run)";

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var resources = Strings(map.Required("resources"), "drbd resources", read);
        var sourceNode = map.Optional("source");
        var source = sourceNode is null
            ? DrbdSource.ProcDrbd
            : Source(read.Text(sourceNode, SourceError, v => Source(v) is not null));
        var procPathNode = map.Optional("proc_path");
        var procPath = procPathNode is null ? "/proc/drbd" : read.AbsolutePath(procPathNode, "drbd proc_path must be an absolute path");
        var kernelLogNode = map.Optional("kernel_log");
        var kernelLog = kernelLogNode is null ? null : read.AbsolutePath(kernelLogNode, "drbd kernel_log must be an absolute path (usually /dev/kmsg)");
        var commandNode = map.Optional("command");
        var command = commandNode is null ? null : Strings(commandNode, "drbd command", read);
        if (source is null)
            return null;
        var fits = Fits(procPathNode, source == DrbdSource.ProcDrbd, "drbd proc_path is read by the proc source only", read)
            & Fits(kernelLogNode, source == DrbdSource.ProcDrbd,
                "drbd kernel_log is for the proc source (DRBD 8.x): events2 reports split brain itself", read)
            & Fits(commandNode, source != DrbdSource.ProcDrbd, "drbd command is run by the events2 sources only", read);
        if (!fits || resources is null || procPath is null || (kernelLogNode is not null && kernelLog is null)
            || (commandNode is not null && command is null))
            return null;
        var options = new DrbdProbeOptions
        {
            Resources = resources,
            Source = source.Value,
            ProcPath = procPath,
            KernelLogPath = kernelLog,
            Events2Command = command,
            Timeout = timeout * 0.9,
        };
        try
        {
            _ = new DrbdProbe("check", options); // the probe's own rules (names vs minors per source); starts nothing
        }
        catch (ArgumentException e)
        {
            read.Report(map.Position, $"drbd: {e.Message}");
            return null;
        }
        return new DrbdProbeSpec(options);
    }

    private static DrbdSource? Source(string? text) => text switch
    {
        "proc" => DrbdSource.ProcDrbd,
        "events2" => DrbdSource.Events2,
        "events2-now" => DrbdSource.Events2Now,
        _ => null,
    };

    /// <summary>False, with an error at the key's value, when a key is given that the source does not use.</summary>
    private static bool Fits(ConfigNode? node, bool used, string message, ValueReader read)
    {
        if (node is null || used)
            return true;
        read.Report(node.Position, message);
        return false;
    }

    private static IReadOnlyList<string>? Strings(ConfigNode? node, string what, ValueReader read)
    {
        if (node is null)
            return null;
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position, $"{what} must be a non-empty list");
            return null;
        }
        var items = list.Items.Select(i => read.Text(i, $"{what} must be strings")).ToArray();
        return items.Any(i => i is null) ? null : items.Select(i => i!).ToArray();
    }
}
