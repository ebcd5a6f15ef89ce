using System.Globalization;
using System.Text;

namespace Failover.Mail.Message;

/// <summary>
/// Builds the text of an alert the way an admin reads it at 3 a.m.: what happened, on which node, why,
/// the chain's steps with their timings, then the state of both nodes. Sections left empty are left out.
/// </summary>
public sealed class AlertBodyBuilder
{
    private readonly List<(string Label, string Text)> _facts = [];
    private readonly List<(string Name, TimeSpan Duration, string Outcome)> _steps = [];
    private readonly List<(string Node, string State)> _nodes = [];
    private readonly List<string> _notes = [];
    private string? _chain;

    public AlertBodyBuilder What(string text) => Fact("What", text);

    public AlertBodyBuilder Node(string name) => Fact("Node", name);

    public AlertBodyBuilder Why(string text) => Fact("Why", text);

    public AlertBodyBuilder When(DateTimeOffset at) =>
        Fact("When", at.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture));

    /// <summary>Any other labelled fact ("Group", "VIPs").</summary>
    public AlertBodyBuilder Fact(string label, string text)
    {
        _facts.Add((label, text));
        return this;
    }

    public AlertBodyBuilder Chain(string name)
    {
        _chain = name;
        return this;
    }

    public AlertBodyBuilder Step(string name, TimeSpan duration, string outcome)
    {
        _steps.Add((name, duration, outcome));
        return this;
    }

    public AlertBodyBuilder NodeState(string node, string state)
    {
        _nodes.Add((node, state));
        return this;
    }

    public AlertBodyBuilder Note(string text)
    {
        _notes.Add(text);
        return this;
    }

    public string Build()
    {
        var text = new StringBuilder();
        var width = _facts.Count == 0 ? 0 : _facts.Max(f => f.Label.Length) + 1;
        foreach (var (label, value) in _facts)
        {
            text.Append((label + ":").PadRight(width + 1)).Append(Indent(value, width + 1)).Append('\n');
        }
        if (_steps.Count > 0)
        {
            text.Append('\n').Append(_chain is null ? "Steps:" : $"Chain {_chain}:").Append('\n');
            var total = _steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
            var nameWidth = Math.Max(_steps.Max(s => s.Name.Length), "total".Length);
            var timeWidth = _steps.Select(s => FormatDuration(s.Duration).Length).Append(FormatDuration(total).Length).Max();
            foreach (var (name, duration, outcome) in _steps)
            {
                text.Append("  ").Append(name.PadRight(nameWidth)).Append("  ")
                    .Append(FormatDuration(duration).PadLeft(timeWidth)).Append("  ").Append(outcome).Append('\n');
            }
            text.Append("  ").Append("total".PadRight(nameWidth)).Append("  ").Append(FormatDuration(total).PadLeft(timeWidth)).Append('\n');
        }
        if (_nodes.Count > 0)
        {
            text.Append("\nNodes:\n");
            var nodeWidth = _nodes.Max(n => n.Node.Length);
            foreach (var (node, state) in _nodes)
            {
                text.Append("  ").Append(node.PadRight(nodeWidth)).Append("  ").Append(Indent(state, nodeWidth + 4)).Append('\n');
            }
        }
        foreach (var note in _notes)
        {
            text.Append('\n').Append(note).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>"850 ms", "2.41 s", "3 min 05 s": the unit a reader expects for that magnitude.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var inv = CultureInfo.InvariantCulture;
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(inv, $"{duration.TotalMilliseconds:0} ms");
        }
        if (duration < TimeSpan.FromMinutes(1))
        {
            return string.Create(inv, $"{duration.TotalSeconds:0.00} s");
        }
        return string.Create(inv, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s");
    }

    private static string Indent(string text, int by) =>
        text.ReplaceLineEndings("\n").Replace("\n", "\n" + new string(' ', by), StringComparison.Ordinal);
}
