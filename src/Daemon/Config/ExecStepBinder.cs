using Failover.Actions.Chains;
using Failover.Actions.Steps;

namespace Failover.Daemon.Config;

/// <summary>Binds <c>- exec: [/path, args…]</c> with ucarp_args, xparam, undo and timeout.</summary>
internal static class ExecStepBinder
{
    public const string Kind = "exec";

    public static readonly string[] Keys = [Kind, "ucarp_args", "xparam", "undo", StepTimeout.Key];

    public static ExecStep? Bind(KeyedMapping map, ChainKind chain, ValueReader read)
    {
        var argv = ReadArgv(map.Required(Kind), Kind, read);
        var ucarpArgs = map.Optional("ucarp_args") is { } u ? read.Boolean(u, "ucarp_args must be true or false") : false;

        string? xparam = null;
        if (map.Optional("xparam") is { } x)
        {
            xparam = read.Text(x, "xparam must be a string");
            // ucarp only ever passes xparam after IFACE and VIP; on its own it would be a surprise argv[1].
            if (xparam is not null && ucarpArgs == false)
                read.Report(x.Position, "xparam is only passed with ucarp_args: true");
        }

        IReadOnlyList<string>? undo = null;
        var undoNode = map.Optional("undo");
        if (undoNode is not null)
        {
            undo = ReadArgv(undoNode, "undo", read);
            if (chain == ChainKind.VipDown)
            {
                read.Report(map.KeyNode("undo")!.Position, "undo runs when an on_master chain rolls back; on_backup never rolls back");
                return null;
            }
        }

        var timeout = StepTimeout.Read(map, ExecStep.DefaultTimeout, read);
        return argv is null || ucarpArgs is null || timeout is null || (undoNode is not null && undo is null)
            ? null
            : new ExecStep(argv, ucarpArgs.Value, xparam, timeout.Value, undo);
    }

    private static IReadOnlyList<string>? ReadArgv(ConfigNode? node, string key, ValueReader read)
    {
        if (node is null)
            return null;
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position,
                $"{key} must be a list: the program (an absolute path) and its arguments, e.g. {key}: [/etc/failover/vip-up.sh]");
            return null;
        }

        var argv = new List<string>();
        foreach (var item in list.Items)
        {
            if (read.Text(item, $"{key} arguments must be strings") is { } arg)
                argv.Add(arg);
        }
        if (argv.Count != list.Items.Count)
            return null;
        if (!argv[0].StartsWith('/'))
        {
            read.Report(list.Items[0].Position,
                $"{key} program '{argv[0]}' must be an absolute path (there is no shell and no PATH search)");
            return null;
        }
        return argv.ToArray();
    }
}
