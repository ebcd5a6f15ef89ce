using System.Text.RegularExpressions;
using Failover.Daemon.Http;

namespace Failover.Daemon.Tests.Http;

/// <summary>docs/metrics.md lists exactly the families failoverd writes, with their types and labels, and every transition reason.</summary>
public sealed partial class MetricsDocumentationTests
{
    private static string Document()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "metrics.md");
            if (File.Exists(candidate))
                return File.ReadAllText(candidate);
        }
        throw new FileNotFoundException("docs/metrics.md not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_table_has_every_family_with_its_type_and_labels()
    {
        var rows = TableRow().Matches(Document()).ToDictionary(m => m.Groups["name"].Value,
            m => (Type: m.Groups["type"].Value, Labels: m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        var rendered = ExpositionLines.Parse(PrometheusText.Render(SampleReports.Pair(), [new TransitionCount("samba", "master", "preempt", 1)],
            [new StepDurations("samba", "on_master", "vip up", "ok", new long[StepDurations.UpperBounds.Count + 1], 0, 0)]));

        Assert.Equal(PrometheusTextTests.Families.Select(f => f.Name).Order(), rows.Keys.Order());
        foreach (var (name, type) in PrometheusTextTests.Families)
        {
            Assert.Equal(type, rows[name].Type);
            var labels = rendered.Samples.Where(s => s.Name.StartsWith(name, StringComparison.Ordinal))
                .SelectMany(s => s.Labels.Keys).Where(k => k != "le").Distinct().Order();
            Assert.Equal(labels, rows[name].Labels.Order());
        }
    }

    [Fact]
    public void Every_transition_reason_is_explained() =>
        Assert.All(TransitionCause.All, reason => Assert.Contains($"| `{reason}` |", Document()));

    [GeneratedRegex(@"^\| `(?<name>failover_[a-z_]+)` \| (?<type>[a-z]+) \|(?<labels>[a-z_, ]*)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
