using System.Globalization;

namespace Failover.Lab.Tests.Harness;

/// <summary>A process whose network namespace is a lab node's, as <c>ip netns pids</c> lists it, with its command line.</summary>
public sealed record NamespaceProcess(int Pid, string CommandLine)
{
    /// <summary>Every process in <paramref name="node"/>'s namespace now (one that exits meanwhile is left out).</summary>
    public static IReadOnlyList<NamespaceProcess> In(LabNode node)
    {
        var ip = LabTool.Require("ip", "iproute2");
        var pids = Command.RunChecked(ip, ["netns", "pids", node.Namespace], TimeSpan.FromSeconds(10)).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        var found = new List<NamespaceProcess>();
        foreach (var pid in pids)
        {
            try
            {
                var argv = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").TrimEnd('\0').Replace('\0', ' ');
                found.Add(new NamespaceProcess(pid, argv));
            }
            catch (IOException)
            {
                // Exited between the listing and the look.
            }
        }

        return found;
    }

    public override string ToString() => $"{Pid} {CommandLine}";
}
