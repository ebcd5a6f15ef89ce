using System.Globalization;
using Failover.Control;

namespace Failover.Ctl;

/// <summary>failoverctl splitbrain status as text: per resource, split or not, the plan it would run or why not,
/// the last recovery and the resync.</summary>
public static class SplitBrainText
{
    public static void Write(IReadOnlyList<SplitBrainReport> reports, TextWriter output)
    {
        for (int i = 0; i < reports.Count; i++)
        {
            if (i > 0)
                output.WriteLine();
            var r = reports[i];
            output.WriteLine($"{r.Group}/{r.Resource}: {(r.Split ? "SPLIT BRAIN" : "not split")} (policy {r.Policy}, recovery {r.Phase})");
            output.WriteLine($"  here   {r.Local}");
            output.WriteLine($"  peer   {r.Peer ?? "unreachable (peer channel down)"}");
            if (r.Plan is { } plan)
            {
                output.WriteLine($"  plan   discard {r.Victim}'s data: {r.Reason}");
                foreach (var line in plan)
                    output.WriteLine($"         {line}");
            }
            else
                output.WriteLine($"  plan   none: {r.Reason}");
            if (r.ResyncPercent is { } p)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  resync {p:0.#}%"));
            output.WriteLine(r.LastResult is { } last
                ? $"  last   {last}{(r.LastResultAt is { } at ? " at " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "")}"
                : "  last   no recovery since failoverd started");
        }
    }
}
