using System.Net;

namespace Failover.Daemon.Config;

/// <summary>
/// Rules no single group can check: unique names, one group per (interface, vhid), one group per VIP.
/// Each clash is reported at the later occurrence and names the earlier one.
/// </summary>
internal static class GroupCrossCheck
{
    public static void Run(IReadOnlyList<GroupDraft> groups, ConfigErrorCollector errors)
    {
        // Case-insensitive: "Samba" and "samba" would be the same group to an admin typing failoverctl.
        var names = new Dictionary<string, GroupDraft>(StringComparer.OrdinalIgnoreCase);
        var slots = new Dictionary<(string Interface, byte Vhid), GroupDraft>();
        var vips = new Dictionary<IPAddress, (GroupDraft Group, TextPosition Position)>();

        foreach (var group in groups)
        {
            if (group.Name is { } name && !names.TryAdd(name.Value, group))
                errors.Add(name.Position, $"group name '{name.Value}' is already used by {names[name.Value].Describe()}");

            if (group is { Interface: { } iface, Vhid: { } vhid } && !slots.TryAdd((iface.Value, vhid.Value), group))
                errors.Add(vhid.Position, $"vhid {vhid.Value} on {iface.Value} is already used by {slots[(iface.Value, vhid.Value)].Describe()}");

            foreach (var vip in group.Vips)
            {
                if (vips.TryAdd(vip.Value.Address, (group, vip.Position)))
                    continue;
                var first = vips[vip.Value.Address];
                errors.Add(vip.Position, ReferenceEquals(first.Group, group)
                    ? $"VIP {vip.Value.Address} is listed twice in this group (first at line {first.Position.Line}, column {first.Position.Column})"
                    : $"VIP {vip.Value.Address} is already used by {first.Group.Describe()}");
            }
        }
    }
}
