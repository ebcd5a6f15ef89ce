using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A change of a probe's settled health as failoverd logs it:
/// <c>group web: probe NAME (KIND) FROM -> TO: REASON</c>.
/// </summary>
public sealed partial record ProbeChange(string Probe, string Kind, string From, string To, string Reason, LabLine Line)
{
    public static ProbeChange? Parse(LabLine line) =>
        Logged().Match(line.Text) is { Success: true } m
            ? new ProbeChange(m.Groups["probe"].Value, m.Groups["kind"].Value, m.Groups["from"].Value,
                m.Groups["to"].Value, m.Groups["reason"].Value, line)
            : null;

    /// <summary>Every change of <paramref name="probe"/> the node has logged so far, oldest first.</summary>
    public static IReadOnlyList<ProbeChange> All(FailoverdNode node, string probe) =>
        node.Process.Lines.Select(Parse).OfType<ProbeChange>().Where(c => c.Probe == probe).ToArray();

    /// <summary>The first change of <paramref name="probe"/> to <paramref name="to"/> logged from line <paramref name="startAt"/> on.</summary>
    public static async Task<ProbeChange> WaitFor(FailoverdNode node, string probe, string to, TimeSpan timeout, int startAt = 0)
    {
        var line = await node.Process.WaitForLine(
            text => Parse(new LabLine(0, default, false, text)) is { } c && c.Probe == probe && c.To == to,
            $"probe {probe} going {to}", timeout, startAt);
        return Parse(line)!;
    }

    [GeneratedRegex(@"group \S+: probe (?<probe>\S+) \((?<kind>[a-z]+)\) (?<from>[A-Z]+) -> (?<to>[A-Z]+): (?<reason>.*)$")]
    private static partial Regex Logged();
}
