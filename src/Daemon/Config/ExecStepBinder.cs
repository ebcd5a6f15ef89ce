namespace Failover.Daemon.Config;

/// <summary>Binds <c>- exec: [/path, args…]</c> with ucarp_args, xparam and timeout.</summary>
internal static class ExecStepBinder
{
    public const string Kind = "exec";

    public static readonly string[] Keys = [Kind, "ucarp_args", "xparam", "timeout"];

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    public static ExecStep? Bind(KeyedMapping map, ValueReader read)
    {
        var argv = ReadArgv(map.Required(Kind), read);
        var ucarpArgs = map.Optional("ucarp_args") is { } u ? read.Boolean(u, "ucarp_args must be true or false") : false;

        string? xparam = null;
        if (map.Optional("xparam") is { } x)
        {
            xparam = read.Text(x, "xparam must be a string");
            // ucarp only ever passes xparam after IFACE and VIP; on its own it would be a surprise argv[1].
            if (xparam is not null && ucarpArgs == false)
                read.Report(x.Position, "xparam is only passed with ucarp_args: true");
        }

        var timeout = map.Optional("timeout") is { } t
            ? read.Duration(t, "timeout", TimeSpan.FromMilliseconds(1), MaxTimeout)
            : ExecStep.DefaultTimeout;

        return argv is null || ucarpArgs is null || timeout is null
            ? null
            : new ExecStep(argv, ucarpArgs.Value, xparam, timeout.Value);
    }

    private static IReadOnlyList<string>? ReadArgv(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return null;
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position,
                "exec must be a list: the program (an absolute path) and its arguments, e.g. exec: [/etc/failover/vip-up.sh]");
            return null;
        }

        var argv = new List<string>();
        foreach (var item in list.Items)
        {
            if (read.Text(item, "exec arguments must be strings") is { } arg)
                argv.Add(arg);
        }
        if (argv.Count != list.Items.Count)
            return null;
        if (!argv[0].StartsWith('/'))
        {
            read.Report(list.Items[0].Position,
                $"exec program '{argv[0]}' must be an absolute path (there is no shell and no PATH search)");
            return null;
        }
        return argv.ToArray();
    }
}
