using Failover.Monitors.Drbd;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>drbd: { resources: [r0, r1], source: events2 }</c> (DRBD 9: resource names, read from
/// <c>drbdsetup events2 --now</c>) or <c>drbd: { resources: ["minor:0"] }</c> (DRBD 8.x, read from
/// /proc/drbd). Healthy only when Connected, the local disk UpToDate, and no split brain.
/// </summary>
internal static class DrbdProbeBinder
{
    public const string Kind = "drbd";
    public static readonly string[] Keys = ["resources", "source", "proc_path", "command"];

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var resources = Strings(map.Required("resources"), "drbd resources", read);
        var source = map.Optional("source") is { } s
            ? read.Text(s, "drbd source must be proc (DRBD 8.x, /proc/drbd) or events2 (DRBD 9, drbdsetup events2)", v => v is "proc" or "events2")
            : "proc";
        var procPathNode = map.Optional("proc_path");
        var procPath = procPathNode is null ? "/proc/drbd" : read.AbsolutePath(procPathNode, "drbd proc_path must be an absolute path");
        var commandNode = map.Optional("command");
        var command = commandNode is null ? null : Strings(commandNode, "drbd command", read);
        if (resources is null || source is null || procPath is null || (commandNode is not null && command is null))
            return null;
        var options = new DrbdProbeOptions
        {
            Resources = resources,
            Source = source == "events2" ? DrbdSource.Events2 : DrbdSource.ProcDrbd,
            ProcPath = procPath,
            Timeout = timeout * 0.9,
        };
        if (command is not null)
            options = options with { Events2Command = command };
        try
        {
            _ = new DrbdProbe("check", options); // the probe's own rules (names vs minors per source)
        }
        catch (ArgumentException e)
        {
            read.Report(map.Position, $"drbd: {e.Message}");
            return null;
        }
        return new DrbdProbeSpec(options);
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
