using Failover.Remote.Sync;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds a group's optional <c>sync:</c> mapping: <c>sync: { paths: [/etc/bind/, { path: /etc/dhcp/dhcpd.conf, dest: /etc/dhcp/dhcpd.conf }],
/// every: 1h, after_takeover: 30s, exclude: ["*.jnl"], delete: false, post_command: [named-checkconf], timeout: 5m }</c>.
/// </summary>
internal static class SyncBinder
{
    private static readonly string[] Keys = ["paths", "every", "after_takeover", "exclude", "delete", "post_command", "timeout"];
    private static readonly string[] PathKeys = ["path", "dest"];

    public static SyncSettings? Bind(ConfigNode node, ValueReader read)
    {
        var map = KeyedMapping.Open(node, "in sync", Keys,
            "sync must be a mapping, e.g. sync: { paths: [/etc/bind/], every: 1h }", read.Errors);
        if (map is null)
            return null;
        var errorsBefore = read.Errors.Count;

        var paths = map.Required("paths") is { } p ? Paths(p, read) : [];
        var every = map.Optional("every") is { } e
            ? read.Duration(e, "sync every", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7))
            : SyncSettings.DefaultEvery;
        var afterTakeover = map.Optional("after_takeover") is { } a
            ? read.Duration(a, "sync after_takeover", TimeSpan.Zero, TimeSpan.FromDays(1))
            : SyncSettings.DefaultAfterTakeover;
        var exclude = map.Optional("exclude") is { } x
            ? Words(x, "sync exclude must be a list of rsync patterns, e.g. exclude: [\"*.jnl\"]", s => s.Length > 0 && !s.Any(char.IsControl), read)
            : [];
        var delete = map.Optional("delete") is { } d ? read.Boolean(d, "sync delete must be true or false") : false;
        var post = map.Optional("post_command") is { } c
            ? Words(c, "sync post_command must be a non-empty list of words (argv, run on the peer), e.g. post_command: [named-checkconf]",
                s => !s.Contains('\0'), read)
            : [];
        if (map.Optional("post_command") is { } given && post is [])
            read.Report(given.Position, "sync post_command must be a non-empty list of words (argv, run on the peer), e.g. post_command: [named-checkconf]");
        var timeout = map.Optional("timeout") is { } t
            ? read.Duration(t, "sync timeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(6))
            : SyncSettings.DefaultTimeout;

        if (read.Errors.Count > errorsBefore || paths.Count == 0 || every is null || afterTakeover is null || delete is null || timeout is null)
            return null;
        return new SyncSettings(paths, every.Value, afterTakeover.Value, exclude, delete.Value, post, timeout.Value);
    }

    private static IReadOnlyList<SyncPath> Paths(ConfigNode node, ValueReader read)
    {
        const string shape = "sync paths must list absolute paths, each a path (/etc/bind/) or { path: /etc/bind/, dest: /srv/bind/ }";
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position, shape);
            return [];
        }
        var paths = new List<SyncPath>();
        foreach (var item in list.Items)
        {
            if (item is MappingNode)
            {
                var map = KeyedMapping.Open(item, "in a sync path", PathKeys, shape, read.Errors)!;
                var source = map.Required("path") is { } s ? Absolute(s, "sync path", read) : null;
                var dest = map.Required("dest") is { } d ? Absolute(d, "sync dest", read) : null;
                if (source is not null && dest is not null)
                    paths.Add(new SyncPath(source, dest));
            }
            else if (item is ScalarNode && Absolute(item, "sync path", read) is { } path)
            {
                paths.Add(new SyncPath(path, path));
            }
            else if (item is not ScalarNode)
            {
                read.Report(item.Position, shape);
            }
        }
        return paths;
    }

    private static string? Absolute(ConfigNode node, string key, ValueReader read) =>
        read.Text(node, $"{key} must be an absolute path", s => s.StartsWith('/') && !s.Any(char.IsControl));

    private static IReadOnlyList<string> Words(ConfigNode node, string message, Func<string, bool> isValid, ValueReader read)
    {
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, message);
            return [];
        }
        var words = new List<string>();
        foreach (var item in list.Items)
        {
            if (read.Text(item, message, isValid) is { } word)
                words.Add(word);
        }
        return words;
    }
}
