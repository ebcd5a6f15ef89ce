using System.Globalization;

namespace Failover.Monitors.Drbd;

/// <summary>
/// Parses DRBD 8.x /proc/drbd (0.7/8.0/8.2 <c>st:</c> and 8.3+ <c>ro:</c>). Never throws: whatever it cannot
/// understand becomes a <see cref="DrbdParseProblem"/> and the rest is still returned.
/// </summary>
/// <remarks>
/// Lines before the first minor are the header: "version:" gives <see cref="ProcDrbdSnapshot.Version"/>, any other
/// line is build information (GIT-hash, srcversion, built-in; documentation copies sometimes wrap them, so any text
/// is accepted there). A minor line is "N: cs:… ro:A/B ds:A/B P flags"; the protocol letter and the 4..6-char flags
/// field are not needed and skipped whatever their width. Inside a minor's block, lines made only of key:value
/// tokens (counters, resync:, act_log:) are skipped, "sync'ed:"/"verified:" and "finish:" lines give the sync
/// progress, "stalled" is accepted; anything else is a problem.
/// </remarks>
public static class ProcDrbdParser
{
    private static readonly char[] Blanks = [' ', '\t'];

    public static ProcDrbdSnapshot Parse(string text)
    {
        var problems = new List<DrbdParseProblem>();
        var buildInfo = new List<string>();
        var resources = new List<DrbdResourceState>();
        string? version = null;
        DrbdResourceState? current = null;

        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0) continue;

            if (IsMinorLine(line))
            {
                if (current is not null) resources.Add(current);
                current = ParseMinorLine(line, number, problems);
                continue;
            }

            if (current is null)
            {
                if (line.StartsWith("version:", StringComparison.Ordinal) && version is null)
                    version = ParseVersion(line);
                else
                    buildInfo.Add(line);
                continue;
            }

            if (line.Contains("sync'ed:", StringComparison.Ordinal) || line.Contains("verified:", StringComparison.Ordinal))
            {
                if (TryParseProgressLine(line, out var sync)) current = current with { Sync = sync };
                else problems.Add(new(number, line, "unreadable sync progress"));
            }
            else if (line.StartsWith("finish:", StringComparison.Ordinal))
            {
                if (current.Sync is null) problems.Add(new(number, line, "finish: without a sync'ed: line"));
                else if (TryParseFinishLine(line, current.Sync, out var sync)) current = current with { Sync = sync };
                else problems.Add(new(number, line, "unreadable finish: line"));
            }
            else if (line == "stalled" || line.Contains("sector pos:", StringComparison.Ordinal) || IsKeyValueLine(line))
            {
                // Counters, resync:/act_log: caches, verify position: not part of the state.
            }
            else
            {
                problems.Add(new(number, line, "unrecognised line"));
            }
        }
        if (current is not null) resources.Add(current);
        if (version is null) problems.Insert(0, new(0, "", "no version: line"));
        return new ProcDrbdSnapshot(version, buildInfo, resources, problems);
    }

    private static string? ParseVersion(string line)
    {
        var tokens = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > 1 ? tokens[1] : null;
    }

    /// <summary>"N:" followed by a blank or the end: the start of a minor's block.</summary>
    private static bool IsMinorLine(string line)
    {
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits])) digits++;
        return digits > 0 && digits < line.Length && line[digits] == ':'
            && (digits + 1 == line.Length || line[digits + 1] is ' ' or '\t');
    }

    private static DrbdResourceState ParseMinorLine(string line, int number, List<DrbdParseProblem> problems)
    {
        var tokens = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        int? minor = int.TryParse(tokens[0].AsSpan(0, tokens[0].Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            ? m : null;
        if (minor is null) problems.Add(new(number, line, "minor number out of range"));

        string? cs = null;
        (DrbdRole Local, DrbdRole Peer)? roles = null;
        (DrbdDiskState Local, DrbdDiskState Peer)? disks = null;
        foreach (var token in tokens.AsSpan(1))
        {
            if (token.StartsWith("cs:", StringComparison.Ordinal)) cs = token[3..];
            else if (token.StartsWith("ro:", StringComparison.Ordinal) || token.StartsWith("st:", StringComparison.Ordinal))
                roles = ParsePair<DrbdRole>(token, number, line, problems, ParseRole);
            else if (token.StartsWith("ds:", StringComparison.Ordinal))
                disks = ParsePair<DrbdDiskState>(token, number, line, problems, DrbdStateNames.TryParseDisk);
        }

        if (cs is null or "") problems.Add(new(number, line, "no cs: field"));
        else if (cs != "Unconfigured" && (roles is null || disks is null))
            problems.Add(new(number, line, roles is null ? "no ro:/st: field" : "no ds: field"));

        return new DrbdResourceState
        {
            Minor = minor,
            ConnectionState = string.IsNullOrEmpty(cs) ? "Unknown" : cs,
            LocalRole = roles?.Local ?? DrbdRole.Unknown,
            PeerRole = roles?.Peer ?? DrbdRole.Unknown,
            LocalDisk = disks?.Local ?? DrbdDiskState.DUnknown,
            PeerDisk = disks?.Peer ?? DrbdDiskState.DUnknown,
        };
    }

    private delegate bool StateParser<T>(ReadOnlySpan<char> text, out T value);

    // Old releases print "Unconfigured" in st: for an unconfigured minor; it is no role.
    private static bool ParseRole(ReadOnlySpan<char> text, out DrbdRole role) =>
        DrbdStateNames.TryParseRole(text, out role) || text.SequenceEqual("Unconfigured");

    private static (T Local, T Peer)? ParsePair<T>(
        string token, int number, string line, List<DrbdParseProblem> problems, StateParser<T> parse)
    {
        var value = token.AsSpan(3);
        var slash = value.IndexOf('/');
        if (slash < 0)
        {
            problems.Add(new(number, line, $"no local/peer pair in {token}"));
            return null;
        }
        var localOk = parse(value[..slash], out var local);
        var peerOk = parse(value[(slash + 1)..], out var peer);
        if (!localOk || !peerOk) problems.Add(new(number, line, $"unknown state in {token}"));
        return (local, peer);
    }

    /// <summary>"[===>....] sync'ed: 20.8% (813660/1023932)K …" (or "verified:", "(a/b)M", "sync'ed:100.0%").</summary>
    private static bool TryParseProgressLine(string line, out DrbdSyncProgress? sync)
    {
        sync = null;
        var verify = !line.Contains("sync'ed:", StringComparison.Ordinal);
        var key = verify ? "verified:" : "sync'ed:";
        var rest = line.AsSpan(line.IndexOf(key, StringComparison.Ordinal) + key.Length).TrimStart();
        var percentEnd = rest.IndexOf('%');
        if (percentEnd <= 0
            || !double.TryParse(rest[..percentEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100)
            return false;

        long? remaining = null, total = null;
        rest = rest[(percentEnd + 1)..].TrimStart();
        var close = rest.IndexOf(')');
        if (rest.StartsWith("(") && close > 0)
        {
            var pair = rest[1..close];
            var slash = pair.IndexOf('/');
            var scale = close + 1 < rest.Length && rest[close + 1] == 'M' ? 1024 : 1;
            if (slash > 0 && TryParseCount(pair[..slash], out var r) && TryParseCount(pair[(slash + 1)..], out var t))
            {
                remaining = r * scale;
                total = t * scale;
            }
        }
        sync = new DrbdSyncProgress(percent, remaining, total, IsVerify: verify);
        return true;
    }

    /// <summary>"finish: 0:01:30 speed: 8,976 (6,368) want: 1,024,000 K/sec".</summary>
    private static bool TryParseFinishLine(string line, DrbdSyncProgress previous, out DrbdSyncProgress? sync)
    {
        sync = null;
        var tokens = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2 || !TryParseDuration(tokens[1], out var finish)) return false;
        long? speed = null;
        var speedAt = Array.IndexOf(tokens, "speed:");
        if (speedAt > 0 && speedAt + 1 < tokens.Length && TryParseCount(tokens[speedAt + 1], out var s)) speed = s;
        sync = previous with { Finish = finish, SpeedKiBPerSecond = speed };
        return true;
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var parts = text.Split(':');
        if (parts.Length != 3) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            || h > 1_000_000 || m > 59 || s > 59)
            return false;
        duration = new TimeSpan(h, m, s);
        return true;
    }

    /// <summary>A count as DRBD prints it, with ',' as thousands separator.</summary>
    private static bool TryParseCount(ReadOnlySpan<char> text, out long value)
    {
        Span<char> digits = stackalloc char[Math.Min(text.Length, 32)];
        var n = 0;
        foreach (var c in text)
        {
            if (c == ',') continue;
            if (n == digits.Length) { value = 0; return false; }
            digits[n++] = c;
        }
        return long.TryParse(digits[..n], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsKeyValueLine(string line)
    {
        foreach (var token in line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))
            if (!token.Contains(':')) return false;
        return true;
    }
}
