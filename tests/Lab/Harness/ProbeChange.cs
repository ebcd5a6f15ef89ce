using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A probe's health change as failoverd logs it: <c>group web: probe NAME (KIND) UP -> DOWN: REASON</c>.
/// The reason of a change that took a streak reads "3 failures in a row, last: …", so it shows rise and fall.
/// </summary>
public sealed partial record ProbeChange(string Probe, string Kind, string From, string To, string Reason, LabLine Line)
{
    /// <summary>The first change of <paramref name="probe"/> to <paramref name="to"/> logged from line
    /// <paramref name="startAt"/> on; throws TimeoutException quoting the log if none comes in time.</summary>
    public static async Task<ProbeChange> WaitFor(FailoverdNode node, string probe, string to, TimeSpan timeout, int startAt = 0)
    {
        var line = await node.Process.WaitForLine(
            text => Parse(text) is { } change && change.Probe == probe && change.To == to,
            $"probe {probe} going {to}", timeout, startAt);
        return Parse(line.Text)! with { Line = line };
    }

    /// <summary>Every change of <paramref name="probe"/> logged so far.</summary>
    public static IReadOnlyList<ProbeChange> All(FailoverdNode node, string probe) =>
        node.Process.Lines.Select(l => Parse(l.Text) is { } c ? c with { Line = l } : null)
            .OfType<ProbeChange>().Where(c => c.Probe == probe).ToArray();

    private static ProbeChange? Parse(string text) =>
        Logged().Match(text) is { Success: true } m
            ? new ProbeChange(m.Groups["probe"].Value, m.Groups["kind"].Value, m.Groups["from"].Value, m.Groups["to"].Value,
                m.Groups["reason"].Value, new LabLine(-1, default, false, text))
            : null;

    [GeneratedRegex(@"group \S+: probe (?<probe>\S+) \((?<kind>\w+)\) (?<from>[A-Z]+) -> (?<to>[A-Z]+): (?<reason>.*)$")]
    private static partial Regex Logged();
}
