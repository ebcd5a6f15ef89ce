using System.Globalization;
using System.Text.Json;
using Failover.Control;

namespace Failover.Daemon.Journal;

/// <summary>
/// One event as one line of JSON (<see cref="EventJson"/>, shared with failoverctl); a line that does not parse
/// (torn by a crash) reads as null.
/// </summary>
public static class JournalLine
{
    /// <summary>The event's line, newline included, in UTF-8.</summary>
    public static byte[] Format(JournalEvent e) =>
        [.. EventJson.Format(e.Seq, e.At, e.Kind, e.Group, e.Text, e.Fields), (byte)'\n'];

    /// <summary>ISO-8601 UTC with milliseconds: 2026-11-21T21:18:15.123Z.</summary>
    public static string FormatTime(DateTimeOffset at) => EventJson.FormatTime(at);

    /// <summary>The time as the journal keeps it: to the millisecond, so that a read-back event equals the appended one.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>The event on <paramref name="line"/> (without its newline), or null when it is not a whole event.</summary>
    public static JournalEvent? Parse(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] != (byte)'{')
            return null;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("seq", out var seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out var number)
                || !root.TryGetProperty("at", out var at) || at.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String)
                return null;
            string? group = root.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
            string text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            var fields = new Dictionary<string, string>();
            if (root.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in f.EnumerateObject())
                    fields[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
            }
            return new JournalEvent(number, when.ToUniversalTime(), kind.GetString()!, group, text, fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
