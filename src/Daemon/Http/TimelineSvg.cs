using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Failover.Daemon.Http;

/// <summary>
/// The transition timeline as inline SVG: one bar per group across the window, one rectangle per state period
/// (its tooltip says the state, the times and why it began), a tick at every change, and an hour axis in UTC.
/// </summary>
public static class TimelineSvg
{
    private const double Label = 130;
    private const double Bar = 1000;
    private const double Right = 30;
    private const double Row = 34;
    private const double BarHeight = 22;
    private const double Axis = 28;

    public static string Render(IReadOnlyList<(string Group, IReadOnlyList<TimelineSegment> Segments)> rows, DateTimeOffset from, DateTimeOffset to)
    {
        var width = Label + Bar + Right;
        var height = rows.Count * Row + Axis;
        var span = (to - from).TotalSeconds;
        double X(DateTimeOffset at) => Label + Math.Clamp((at - from).TotalSeconds / span, 0, 1) * Bar;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" aria-label=\"CARP states over the last {(to - from).TotalHours:0} hours\">"));
        for (var r = 0; r < rows.Count; r++)
        {
            var (group, segments) = rows[r];
            var y = r * Row + (Row - BarHeight) / 2;
            svg.Append(Invariant($"<text class=\"tl-group\" x=\"{Label - 10}\" y=\"{y + BarHeight / 2 + 5}\" text-anchor=\"end\">{HtmlEncode(group)}</text>"));
            svg.Append(Invariant($"<rect class=\"tl-none\" x=\"{Label}\" y=\"{y}\" width=\"{Bar}\" height=\"{BarHeight}\"/>"));
            foreach (var s in segments)
            {
                var x = X(s.Start);
                var w = Math.Max(X(s.End) - x, 1);
                var title = $"{s.State} {Clock(s.Start)} – {Clock(s.End)} UTC" + (s.Reason is { } why ? $": {why}" : "");
                svg.Append(Invariant($"<rect class=\"tl-seg {StatusPage.StateClass(s.State)}\" data-state=\"{HtmlEncode(s.State)}\" x=\"{x:0.##}\" y=\"{y}\" width=\"{w:0.##}\" height=\"{BarHeight}\"><title>{HtmlEncode(title)}</title></rect>"));
            }
            foreach (var s in segments.Where(s => s.Start > from))
                svg.Append(Invariant($"<line class=\"tl-change\" x1=\"{X(s.Start):0.##}\" x2=\"{X(s.Start):0.##}\" y1=\"{y - 3}\" y2=\"{y + BarHeight + 3}\"/>"));
        }
        var axisY = rows.Count * Row;
        svg.Append(Invariant($"<line class=\"tl-axis\" x1=\"{Label}\" x2=\"{Label + Bar}\" y1=\"{axisY + 2}\" y2=\"{axisY + 2}\"/>"));
        var stepHours = span > 6 * 3600 ? 3 : 1;
        var step = TimeSpan.FromHours(stepHours);
        var start = from.UtcDateTime;
        var tick = new DateTimeOffset(start.Date.AddHours((start.Hour / stepHours + 1) * stepHours), TimeSpan.Zero);
        for (; tick < to; tick += step)
        {
            var x = X(tick);
            if (x > Label + Bar - 40)
                break; // keep clear of the "now" label
            svg.Append(Invariant($"<line class=\"tl-tick\" x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"{axisY + 2}\" y2=\"{axisY + 7}\"/>"));
            svg.Append(Invariant($"<text class=\"tl-hour\" x=\"{x:0.##}\" y=\"{axisY + 20}\" text-anchor=\"middle\">{tick.UtcDateTime:HH:mm}</text>"));
        }
        svg.Append(Invariant($"<text class=\"tl-hour\" x=\"{Label + Bar}\" y=\"{axisY + 20}\" text-anchor=\"middle\">now</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
