using System.Globalization;
using Failover.Control;

namespace Failover.Ctl.Events;

/// <summary>How `failoverctl events` prints an event: one readable line (local time, group, kind, text), or its JSON line.</summary>
public static class EventsText
{
    private const int GroupWidth = 10;
    private const int KindWidth = 11; // "split-brain"

    /// <summary>"2026-11-21 22:18:15.123  dns         transition   BACKUP -> MASTER (master down)"; "-" for node-wide events.</summary>
    public static string Line(EventReport e, TimeZoneInfo local)
    {
        var at = TimeZoneInfo.ConvertTime(e.At, local).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return $"{at}  {(e.Group ?? "-").PadRight(GroupWidth)}  {e.Kind.PadRight(KindWidth)}  {e.Text}";
    }

    /// <summary>The event as one line of JSON, as the journal file has it (<see cref="EventJson"/>).</summary>
    public static string Json(EventReport e) =>
        System.Text.Encoding.UTF8.GetString(EventJson.Format(e.Seq, e.At, e.Kind, e.Group, e.Text, e.Fields));
}
