using Failover.Control;

namespace Failover.Ctl;

/// <summary>
/// The human-readable form of an explain report: the facts, each rule with every comparison it made and the fact
/// value behind it, the safety checks, then the verdict on being MASTER and what was handed out.
/// </summary>
public static class ExplainText
{
    public static void Write(ExplainReport report, TextWriter output)
    {
        output.WriteLine($"group {report.Group} at {Time(report.At)}");
        output.WriteLine();
        output.WriteLine("facts");
        var width = report.Facts.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var fact in report.Facts)
            output.WriteLine($"  {fact.Name.PadRight(width)}  {fact.Value}{(string.IsNullOrEmpty(fact.Detail) ? "" : "  " + fact.Detail)}");

        output.WriteLine();
        output.WriteLine(report.Rules.Count == 0 ? "rules: none" : "rules");
        foreach (var rule in report.Rules)
        {
            output.WriteLine($"  {rule.Name}: {Status(rule)}");
            output.WriteLine($"    when  {rule.When}" + (rule.For is { } f ? $"  for {f}" : "") + (rule.Repeat is { } r ? $"  repeat {r}" : ""));
            output.WriteLine($"    then  {string.Join(", ", rule.Then)}");
            foreach (var seen in rule.Seen)
                output.WriteLine($"    {seen.Text}: {seen.Value} ({seen.Shown})");
        }

        output.WriteLine();
        output.WriteLine("safety");
        foreach (var check in report.Safety)
            output.WriteLine($"  {(check.Passed ? "ok    " : "FAILED")}  {check.Check}: {check.Detail}"
                + (check.Passed ? "" : check.Blocks == "staying" ? " (must leave MASTER)" : " (may not become MASTER)"));

        output.WriteLine();
        output.WriteLine("verdict");
        output.WriteLine($"  may become MASTER  {YesNo(report.MayBecomeMaster)}");
        output.WriteLine($"  may stay MASTER    {YesNo(report.MayStayMaster)}");
        foreach (var (veto, i) in report.Vetoes.Select((v, i) => (v, i)))
            output.WriteLine($"  {(i == 0 ? "because" : "").PadRight(17)}  {veto.Source}: {veto.Reason}" + (veto.Kind == "demotes" ? " (demotes)" : ""));
        if (report.HoldDownUntil is { } hold)
            output.WriteLine($"  hold-down until    {Time(hold)}");
        output.WriteLine($"  decisions now      {(report.Decisions.Count == 0 ? "none" : string.Join("; ", report.Decisions))}");
        if (report.NextChange is { } next)
            output.WriteLine($"  next change        {Time(next)} (unless the facts change first)");
    }

    private static string Status(RuleReport rule) => rule.Status switch
    {
        "firing" => rule.FiredNow ? "FIRING (fired now)" : "FIRING",
        "pending" => rule.PendingUntil is { } until ? $"pending: fires at {Time(until)} if it still holds" : "pending",
        "unknown" => "not firing: depends on a fact not known" + LastFired(rule),
        _ => "not firing" + LastFired(rule),
    };

    private static string LastFired(RuleReport rule) => rule.LastFiredAt is { } at ? $" (last fired {Time(at)})" : "";

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string YesNo(bool yes) => yes ? "yes" : "no";
}
