using System.Globalization;
using System.Text;

namespace Failover.Daemon.Journal;

/// <summary>
/// Turns a log template's named parameters into journal fields: snake_case names, a few renamed to the names
/// <see cref="JournalKinds"/> documents ({Milliseconds} → duration_ms, {Why} → reason), values as invariant text.
/// {Group} is not a field: it is the event's group.
/// </summary>
public static class JournalFields
{
    public const string GroupParameter = "Group";

    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["Milliseconds"] = "duration_ms",
        ["TookMs"] = "duration_ms",
        ["Took"] = "duration",
        ["Why"] = "reason",
        ["Error"] = "detail",
        ["Word"] = "result",
        ["Kind"] = "probe_kind",
    };

    public static Dictionary<string, string> From(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var fields = new Dictionary<string, string>();
        foreach (var (name, value) in parameters)
        {
            if (name == GroupParameter || name.StartsWith('{'))
                continue; // {OriginalFormat}
            fields[Renamed.GetValueOrDefault(name) ?? SnakeCase(name)] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        return fields;
    }

    public static string? GroupOf(IEnumerable<KeyValuePair<string, object?>> parameters) =>
        parameters.FirstOrDefault(p => p.Key == GroupParameter).Value is { } group ? Convert.ToString(group, CultureInfo.InvariantCulture) : null;

    /// <summary>HoldDown → hold_down, ExitCode → exit_code.</summary>
    public static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                snake.Append('_');
            snake.Append(char.ToLowerInvariant(name[i]));
        }
        return snake.ToString();
    }

    /// <summary>The message without its "group G: " (or "sync G: ") lead: the group is a column of its own.</summary>
    public static string Text(string message, string? group)
    {
        if (group is null)
            return message;
        foreach (var lead in (ReadOnlySpan<string>)["group ", "sync "])
        {
            var prefix = lead + group + ": ";
            if (message.StartsWith(prefix, StringComparison.Ordinal))
                return message[prefix.Length..];
        }
        return message;
    }
}
