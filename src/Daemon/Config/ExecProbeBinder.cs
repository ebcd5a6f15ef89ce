using Failover.Monitors.Exec;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>exec: { argv: [/usr/lib/nagios/plugins/check_ldap, -H, 10.4.0.2] }</c>: any Nagios-style check
/// (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; the first line of output is the reason). No shell.
/// </summary>
internal static class ExecProbeBinder
{
    public const string Kind = "exec";
    public static readonly string[] Keys = ["argv"];

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        if (map.Required("argv") is not { } node)
            return null;
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position, "exec argv must be a non-empty list, e.g. argv: [/usr/lib/nagios/plugins/check_tcp, -p, 53]");
            return null;
        }
        var argv = list.Items.Select((item, i) => i == 0
            ? read.AbsolutePath(item, "exec argv[0] must be the program's absolute path")
            : read.Text(item, "exec arguments must be strings")).ToArray();
        return argv.Any(a => a is null)
            ? null
            : new ExecProbeSpec(new ExecProbeOptions { Argv = argv!, Timeout = timeout * 0.9 });
    }
}
