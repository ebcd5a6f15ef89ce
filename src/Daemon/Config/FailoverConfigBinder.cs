namespace Failover.Daemon.Config;

/// <summary>Binds the whole file: node, control, state_dir and groups, then the checks across groups.</summary>
internal static class FailoverConfigBinder
{
    private static readonly string[] TopKeys = ["node", "control", "state_dir", "interfaces", "groups", "peer", "mail", "ssh", "http"];
    private static readonly string[] NodeKeys = ["name"];
    private static readonly string[] ControlKeys = ["socket"];

    /// <returns>The configuration, or null when anything was reported.</returns>
    public static FailoverConfig? Bind(ConfigNode? root, ConfigErrorCollector errors)
    {
        if (root is null)
        {
            errors.Add(TextPosition.Start, "the configuration is empty; at least one group is required under 'groups'");
            return null;
        }
        var map = KeyedMapping.Open(root, "at top level", TopKeys,
            "the configuration must be a mapping with the keys node, control, state_dir, interfaces, groups and peer", errors);
        if (map is null)
            return null;

        var read = new ValueReader(errors);
        var node = BindNode(map.Optional("node"), read);
        var control = BindControl(map.Optional("control"), read);
        var stateDir = map.Optional("state_dir") is { } dir
            ? read.AbsolutePath(dir, "state_dir must be an absolute path")
            : FailoverConfig.DefaultStateDir;
        var groups = BindGroups(map.Required("groups"), read);
        GroupCrossCheck.Run(groups, errors);
        var interfaces = InterfacesBinder.Bind(map.Optional("interfaces"), groups, read);
        var peer = PeerBinder.Bind(map.Optional("peer"), node?.Name ?? "", read);
        var mail = MailConfigBinder.Bind(map.Optional("mail"), read);
        var ssh = SshBinder.Bind(map.Optional("ssh"), peer, read);
        var http = HttpBinder.Bind(map.Optional("http"), map.KeyNode("http"), read);
        if (map.Optional("ssh") is null)
        {
            foreach (var at in groups.Select(g => g.SyncAt).OfType<TextPosition>())
                read.Report(at, "sync needs an ssh: section: the master pushes with rsync over ssh");
        }
        if (map.Optional("peer") is null)
        {
            foreach (var at in groups.SelectMany(g => g.ForPeerAt ?? []))
                read.Report(at, "for: peer needs a peer: section: the probe measures the peer, and its result reaches the peer only over the peer channel");
        }
        foreach (var group in groups)
        {
            if (group.SplitBrainAt is not { } at)
                continue;
            if (map.Optional("ssh") is null)
                read.Report(at, "split_brain needs an ssh: section: the recovery, and failoverctl splitbrain resolve under any policy, runs the peer's commands over ssh");
            if (map.Optional("peer") is null)
                read.Report(at, "split_brain needs a peer: section: the recovery reads the peer's DRBD state over the peer channel and runs nothing while it is down");
            else if (peer is not null && group.Config?.SplitBrain?.Policy.Survivor is { } survivor && survivor != node?.Name && survivor != peer.Node)
                read.Report(at, $"split_brain survivor {survivor} is neither this node ({node?.Name}) nor the peer ({peer.Node})");
        }

        if (errors.Count > 0 || node is null || control is null || stateDir is null)
            return null;
        return new FailoverConfig(node, control, stateDir, groups.Select(g => g.Config!).ToArray(), interfaces, peer, mail, ssh, http);
    }

    private static NodeConfig? BindNode(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return new NodeConfig(Environment.MachineName);
        var map = KeyedMapping.Open(node, "in node", NodeKeys, "node must be a mapping, e.g. node: { name: varda }", read.Errors);
        if (map?.Optional("name") is not { } name)
            return map is null ? null : new NodeConfig(Environment.MachineName);
        return read.Text(name, "node name must be a non-empty string without spaces",
            s => s.Length > 0 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) is { } text
            ? new NodeConfig(text)
            : null;
    }

    private static ControlConfig? BindControl(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return new ControlConfig(ControlConfig.DefaultSocket);
        var map = KeyedMapping.Open(node, "in control", ControlKeys,
            $"control must be a mapping, e.g. control: {{ socket: {ControlConfig.DefaultSocket} }}", read.Errors);
        if (map?.Optional("socket") is not { } socket)
            return map is null ? null : new ControlConfig(ControlConfig.DefaultSocket);
        return read.AbsolutePath(socket, "control socket must be an absolute path") is { } path ? new ControlConfig(path) : null;
    }

    private static IReadOnlyList<GroupDraft> BindGroups(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return [];
        if (node.IsNull || node is SequenceNode { Items.Count: 0 })
        {
            read.Report(node.Position, "groups must list at least one group");
            return [];
        }
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, "groups must be a list of groups (each item starts with '- name: …')");
            return [];
        }

        var drafts = new List<GroupDraft>();
        foreach (var item in list.Items)
        {
            if (GroupBinder.Bind(item, read) is { } draft)
                drafts.Add(draft);
        }
        return drafts;
    }
}
