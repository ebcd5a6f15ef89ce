using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Failover.Monitors.Drbd;

/// <summary>
/// Parses <c>drbdsetup events2</c> lines. Never throws: a malformed line yields false and a reason. Unknown objects
/// and keys are kept (the model ignores them); an optional leading ISO-8601 timestamp (<c>--timestamps</c>) is
/// parsed; ANSI colour sequences (<c>--color</c>) are removed.
/// </summary>
public static class DrbdEvents2Parser
{
    private static readonly char[] Blanks = [' ', '\t'];

    public static bool TryParse(string line, [NotNullWhen(true)] out DrbdEvent? @event, [NotNullWhen(false)] out string? error)
    {
        @event = null;
        var tokens = StripColour(line ?? "").Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            error = "empty line";
            return false;
        }

        var at = 0;
        DateTimeOffset? timestamp = null;
        if (!TryParseVerb(tokens[0], out var verb))
        {
            if (!TryParseTimestamp(tokens[0], out var time))
            {
                error = $"neither a verb nor a timestamp: {tokens[0]}";
                return false;
            }
            timestamp = time;
            at = 1;
            if (tokens.Length < 2 || !TryParseVerb(tokens[1], out verb))
            {
                error = tokens.Length < 2 ? "timestamp without an event" : $"unknown verb: {tokens[1]}";
                return false;
            }
        }
        at++;
        if (at >= tokens.Length)
        {
            error = "no object";
            return false;
        }
        var obj = tokens[at++];
        if (obj.Contains(':'))
        {
            error = $"object expected, found {obj}";
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (; at < tokens.Length; at++)
        {
            var colon = tokens[at].IndexOf(':');
            if (colon <= 0)
            {
                error = $"not a key:value pair: {tokens[at]}";
                return false;
            }
            fields[tokens[at][..colon]] = tokens[at][(colon + 1)..];
        }

        @event = new DrbdEvent(timestamp, verb, obj, fields);
        error = null;
        return true;
    }

    /// <summary>Parses every non-blank line of <paramref name="text"/>.</summary>
    public static DrbdEvents2Batch ParseAll(string text)
    {
        var events = new List<DrbdEvent>();
        var problems = new List<DrbdParseProblem>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (TryParse(line, out var e, out var error)) events.Add(e);
            else problems.Add(new DrbdParseProblem(i + 1, line, error));
        }
        return new DrbdEvents2Batch(events, problems);
    }

    private static bool TryParseVerb(string token, out DrbdEventVerb verb)
    {
        verb = token switch
        {
            "exists" => DrbdEventVerb.Exists,
            "create" => DrbdEventVerb.Create,
            "change" => DrbdEventVerb.Change,
            "destroy" => DrbdEventVerb.Destroy,
            "call" => DrbdEventVerb.Call,
            "response" => DrbdEventVerb.Response,
            _ => (DrbdEventVerb)(-1),
        };
        return (int)verb >= 0;
    }

    // drbdsetup prints e.g. 2016-08-26T12:34:56.123456+02:00; insist on the date shape so that no other word
    // is taken for a time.
    private static bool TryParseTimestamp(string token, out DateTimeOffset time)
    {
        time = default;
        return token.Length >= 19 && char.IsAsciiDigit(token[0]) && token[4] == '-' && token[10] == 'T'
            && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>Removes ESC [ … final-byte sequences.</summary>
    private static string StripColour(string line)
    {
        if (!line.Contains('\u001b')) return line;
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\u001b' && i + 1 < line.Length && line[i + 1] == '[')
            {
                i += 2;
                while (i < line.Length && line[i] is < '@' or > '~') i++;
                continue;
            }
            text.Append(line[i]);
        }
        return text.ToString();
    }
}
