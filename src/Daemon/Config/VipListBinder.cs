namespace Failover.Daemon.Config;

/// <summary>Binds a group's <c>vips:</c> list; duplicates are left to <see cref="GroupCrossCheck"/>.</summary>
internal static class VipListBinder
{
    /// <returns>The VIPs that are valid (others were reported); the loader refuses the file on any error.</returns>
    public static IReadOnlyList<Located<VipAddress>> Bind(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return [];
        if (node.IsNull || node is SequenceNode { Items.Count: 0 })
        {
            read.Report(node.Position, "vips must list at least one IPv4 address, e.g. vips: [10.4.0.2/24]");
            return [];
        }
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, "vips must be a list of IPv4 addresses, e.g. vips: [10.4.0.2/24]");
            return [];
        }

        var vips = new List<Located<VipAddress>>();
        foreach (var item in list.Items)
        {
            const string rule = "a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24";
            if (read.Text(item, rule) is not { } text)
                continue;
            if (!VipAddress.TryParse(text, out var vip))
                read.Report(item.Position, rule);
            else if (!Ipv4Text.IsUnicast(vip.Address))
                read.Report(item.Position, $"VIP {vip.Address} is not a unicast address");
            else
                vips.Add(new Located<VipAddress>(vip, item.Position));
        }
        return vips;
    }
}
