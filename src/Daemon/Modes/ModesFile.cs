using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Failover.Carp.StateMachine;

namespace Failover.Daemon.Modes;

/// <summary>
/// The text of state_dir/modes.json, pure both ways. Written by failoverd only (failoverctl changes it), read at
/// start; anything that is not exactly this shape is refused as a whole (<see cref="ModesFileException"/>), because
/// a half-read file could drop a standby.
/// </summary>
/// <example><code>
/// {
///   "version": 1,
///   "standby": { "set_by": "root (uid 0, pid 4242)", "at": "2026-11-21T21:40:00.000Z" },
///   "groups": { "samba": { "preference": "taken-over", "preference_set": { "set_by": "…", "at": "…" } } }
/// }
/// </code></example>
public static class ModesFile
{
    public const int Version = 1;

    public static string Format(NodeModes modes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            WriteMark(json, "standby", modes.Standby);
            WriteMark(json, "maintenance", modes.Maintenance);
            json.WriteStartObject("groups");
            foreach (var (name, group) in modes.Groups)
            {
                json.WriteStartObject(name);
                WriteMark(json, "maintenance", group.Maintenance);
                if (group.Preference != AdminPreference.None)
                {
                    json.WriteString("preference", PreferenceWord(group.Preference));
                    WriteMark(json, "preference_set", group.PreferenceSet);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <exception cref="ModesFileException">Not valid JSON, another version, or a member of the wrong shape.</exception>
    public static NodeModes Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ModesFileException($"not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = Object(document.RootElement, "the file");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number) || number != Version)
                throw new ModesFileException($"\"version\" must be {Version}");
            var groups = ImmutableSortedDictionary.CreateBuilder<string, GroupModes>(StringComparer.Ordinal);
            if (root.TryGetProperty("groups", out var groupsElement))
            {
                foreach (var group in Object(groupsElement, "\"groups\"").EnumerateObject())
                {
                    var g = Object(group.Value, $"group {group.Name}");
                    var preference = g.TryGetProperty("preference", out var p) ? ParsePreference(p, group.Name) : AdminPreference.None;
                    var modes = new GroupModes(Mark(g, "maintenance"), preference,
                        preference == AdminPreference.None ? null : Mark(g, "preference_set"));
                    if (!modes.IsEmpty)
                        groups[group.Name] = modes;
                }
            }
            return new NodeModes { Standby = Mark(root, "standby"), Maintenance = Mark(root, "maintenance"), Groups = groups.ToImmutable() };
        }
    }

    public static string PreferenceWord(AdminPreference preference) => preference switch
    {
        AdminPreference.StayBackup => "released",
        AdminPreference.StayMaster => "taken-over",
        _ => "none",
    };

    private static AdminPreference ParsePreference(JsonElement element, string group) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "released" => AdminPreference.StayBackup,
            "taken-over" => AdminPreference.StayMaster,
            "none" => AdminPreference.None,
            var other => throw new ModesFileException($"group {group}: unknown preference \"{other}\""),
        }
        : throw new ModesFileException($"group {group}: \"preference\" must be a string");

    private static void WriteMark(Utf8JsonWriter json, string name, ModeMark? mark)
    {
        if (mark is null)
            return;
        json.WriteStartObject(name);
        json.WriteString("set_by", mark.SetBy);
        json.WriteString("at", mark.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static ModeMark? Mark(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return null;
        var mark = Object(element, $"\"{name}\"");
        if (!mark.TryGetProperty("set_by", out var by) || by.ValueKind != JsonValueKind.String)
            throw new ModesFileException($"\"{name}\" has no \"set_by\" string");
        if (!mark.TryGetProperty("at", out var at) || at.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
            throw new ModesFileException($"\"{name}\" has no \"at\" time");
        return new ModeMark(by.GetString()!, when);
    }

    private static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new ModesFileException($"{what} must be a JSON object");
}
