using System.Globalization;
using System.Text.Json;
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

    /// <summary>The event as one line of JSON: seq, at (UTC), kind, group (absent when node-wide), text, fields.</summary>
    public static string Json(EventReport e) => JsonSerializer.Serialize(e, ControlJson.Default.EventReport);
}
