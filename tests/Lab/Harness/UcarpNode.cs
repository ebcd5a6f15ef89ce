using System.Globalization;
using System.Text.RegularExpressions;
using Failover.Carp;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// The real ucarp in a lab node, in the foreground, where it logs to stderr
/// (<c>[WARNING] Switching to state: MASTER</c>, <c>Bad digest …</c>). Its up/down scripts add and remove
/// the VIP on eth0 and print <c>lab: vip-up …</c> / <c>lab: vip-down …</c>, which land in the same output.
/// </summary>
public sealed partial class UcarpNode : ICarpNode
{
    private readonly NetLab lab;
    private readonly CarpStateLog states;

    private UcarpNode(NetLab lab, LabNode node, LabGroup group, LabProcess process)
    {
        this.lab = lab;
        Node = node;
        Group = group;
        Process = process;
        states = new CarpStateLog(process, Transition());
    }

    public LabNode Node { get; }

    public LabGroup Group { get; }

    public LabProcess Process { get; }

    public CarpState? State => states.Current;

    /// <summary>
    /// Starts <c>ucarp -i eth0 -s NODE-ADDRESS -v VHID -p PASS -a VIP -b ADVBASE -k ADVSKEW [-P] [-n] -u UP -d DOWN</c>.
    /// </summary>
    /// <param name="neutral">ucarp's -n: do not run the down script when starting as backup.</param>
    public static UcarpNode Start(NetLab lab, LabNode node, LabGroup group, bool neutral = false)
    {
        var ucarp = LabTool.Require("ucarp", "ucarp");
        var ip = LabTool.Require("ip", "iproute2");
        var vip = group.Vips[0];
        // ucarp runs each script as: SCRIPT INTERFACE VIP
        var up = lab.WriteFile($"{node.Name}-vip-up.sh", $"""
            #!/bin/sh
            {ip} addr add {vip} dev "$1" && echo "lab: vip-up {vip} dev $1"
            """, executable: true);
        var down = lab.WriteFile($"{node.Name}-vip-down.sh", $"""
            #!/bin/sh
            {ip} addr del {vip} dev "$1" 2>/dev/null; echo "lab: vip-down {vip} dev $1"
            """, executable: true);
        List<string> argv =
        [
            ucarp, "-i", LabNode.Interface, "-s", node.Address.ToString(), "-v", Text(group.Vhid),
            "-p", group.Password, "-a", group.Vip, "-b", Text(group.AdvBase), "-k", Text(group.AdvSkew),
        ];
        if (group.Preempt)
        {
            argv.Add("-P");
        }

        if (neutral)
        {
            argv.Add("-n");
        }

        argv.AddRange(["-u", up, "-d", down]);
        return new UcarpNode(lab, node, group, lab.Start(node, argv));
    }

    public Task<LabLine> WaitForState(CarpState state, TimeSpan timeout, int startAt = 0) =>
        states.WaitFor(state, timeout, startAt);

    /// <summary>The next "Bad digest" complaint: an advert for our vhid whose HMAC did not check out.</summary>
    public Task<LabLine> WaitForBadDigest(TimeSpan timeout, int startAt = 0) =>
        Process.WaitForLine(BadDigest(), timeout, startAt);

    public bool HoldsVip() => lab.HasAddress(Node, Group.Vip);

    public Task Stop() => Process.Stop();

    private static string Text(byte value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Switching to state: (?<state>[A-Z]+)")]
    private static partial Regex Transition();

    [GeneratedRegex("Bad digest")]
    private static partial Regex BadDigest();
}
