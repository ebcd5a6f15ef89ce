using System.Globalization;
using System.Text.Encodings.Web;
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

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The event as one line of JSON, as the journal file has it: seq, at (UTC, ms), kind, group (null when
    /// node-wide), text, fields.</summary>
    public static string Json(EventReport e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", e.Seq);
            json.WriteString("at", e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("kind", e.Kind);
            json.WriteString("group", e.Group);
            json.WriteString("text", e.Text);
            json.WriteStartObject("fields");
            foreach (var (name, value) in e.Fields)
                json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
