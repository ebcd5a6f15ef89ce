using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Failover.Control;

/// <summary>
/// An event as one line of JSON, the journal file's format and what `failoverctl events --json` prints:
/// {"seq":…,"at":"…Z","kind":…,"group":…(null when node-wide),"text":…,"fields":{…}}. Written by hand (no
/// reflection: the daemon may be trimmed).
/// </summary>
public static class EventJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The event's JSON in UTF-8, without a newline.</summary>
    public static byte[] Format(long seq, DateTimeOffset at, string kind, string? group, string text, IReadOnlyDictionary<string, string> fields)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            json.WriteString("at", FormatTime(at));
            json.WriteString("kind", kind);
            json.WriteString("group", group); // a null string is written as JSON null
            json.WriteString("text", text);
            json.WriteStartObject("fields");
            foreach (var (name, value) in fields)
                json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>ISO-8601 UTC with milliseconds: 2026-11-21T21:18:15.123Z.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
