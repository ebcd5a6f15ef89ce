using System.Globalization;
using System.Text.RegularExpressions;

namespace Failover.Daemon.Tests.Http;

/// <summary>
/// Reads Prometheus text back for the tests: checks its grammar (every sample after its family's HELP and TYPE,
/// families not interleaved, label values quoted with valid escapes) and finds samples by name and labels.
/// </summary>
internal sealed partial class ExpositionLines
{
    public Dictionary<string, string> Types { get; } = [];
    public Dictionary<string, string> Helps { get; } = [];
    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    public static ExpositionLines Parse(string text)
    {
        var lines = new ExpositionLines();
        Assert.EndsWith("\n", text);
        string? family = null;
        var finished = new HashSet<string>();
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var name = line.Split(' ')[2];
                Assert.True(finished.Add(name), $"family {name} appears twice");
                lines.Helps[name] = line[(8 + name.Length)..];
                family = name;
                continue;
            }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(family, parts[2]);
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram" });
                lines.Types[parts[2]] = parts[3];
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var sample = match.Groups["name"].Value;
            Assert.NotNull(family);
            var expected = lines.Types[family!] == "histogram" ? new[] { family + "_bucket", family + "_sum", family + "_count" } : [family!];
            Assert.Contains(sample, expected);
            var labels = new Dictionary<string, string>();
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
                labels[label.Groups["k"].Value] = Unescape(label.Groups["v"].Value);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            lines.Samples.Add((sample, labels, value));
        }
        return lines;
    }

    private static string Unescape(string value)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                text.Append(value[i]);
                continue;
            }
            text.Append(value[++i] == 'n' ? '\n' : value[i]);
        }
        return text.ToString();
    }

    public double Value(string name, params (string Key, string Value)[] labels) =>
        Samples.Single(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Value;

    public int Count(string name) => Samples.Count(s => s.Name == name);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*",?)*)\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(""""(?<k>[a-zA-Z_][a-zA-Z0-9_]*)="(?<v>([^"\\]|\\.)*)"""")]
    private static partial Regex Label();
}
