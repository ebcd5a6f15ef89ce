using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Failover.Monitors.Drbd;

/// <summary>
/// Finds DRBD's unresolved split brain in kernel log lines: "Split-Brain detected, dropping connection!" (8.0–8.3,
/// 9.x), "Split-Brain detected but unresolved, dropping connection!" (8.3–8.4) and the split-brain helper DRBD
/// calls right after ("helper command: /sbin/drbdadm split-brain minor-0"), but not the "… automatically solved"
/// or "… manually solved" forms, after which DRBD resyncs by itself, nor the initial-split-brain helper, which
/// runs before the automatic recovery policies are tried.
/// </summary>
/// <remarks>
/// The device is read from the prefix DRBD's printk puts before the message, whatever comes before that (a
/// /dev/kmsg record header "6,1234,5678,-;", a dmesg "[ 12.345]", a syslog "Jul 15 08:45:34 node1 kernel:"):
/// "block drbd0:" (8.3/8.4), "drbd0:" (8.0/8.2), "drbd r0/0 drbd0:" or "drbd r0/0 drbd0 peer:" (9.x device),
/// "drbd r0:", "drbd r0 peer:" (9.x), "d-con r0:" (8.4 connection). Never throws.
/// </remarks>
public static class DrbdKernelLogMatcher
{
    private const string Marker = "Split-Brain detected";
    private const string Helper = "helper command:";
    private static readonly char[] Blanks = [' ', '\t'];

    public static bool TryMatch(string? line, [NotNullWhen(true)] out DrbdSplitBrainMessage? message)
    {
        message = null;
        if (line is null) return false;
        var at = MessageStart(line);
        if (at < 0) return false;
        var head = line.AsSpan(0, at).TrimEnd();
        if (head.IsEmpty || head[^1] != ':') return false;
        head = WithoutKmsgHeader(head[..^1]);
        message = Device(head.ToString().Split(Blanks, StringSplitOptions.RemoveEmptyEntries));
        return message is not null;
    }

    /// <summary>Where the message after DRBD's device prefix starts, or -1 if it is not one about split brain.</summary>
    private static int MessageStart(string line)
    {
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0) return line.IndexOf("dropping connection", at + Marker.Length, StringComparison.Ordinal) >= 0 ? at : -1;
        at = line.IndexOf(Helper, StringComparison.Ordinal);
        return at >= 0 && CallsSplitBrainHelper(line.AsSpan(at + Helper.Length)) ? at : -1;
    }

    private static DrbdSplitBrainMessage? Device(string[] t)
    {
        var n = t.Length;
        if (n >= 4 && t[n - 4] == "drbd" && Minor(t[n - 2]) is { } peerDeviceMinor) return Named(t[n - 3], peerDeviceMinor);
        if (n >= 3 && t[n - 3] == "drbd" && Minor(t[n - 1]) is { } deviceMinor) return Named(t[n - 2], deviceMinor);
        if (n >= 1 && Minor(t[n - 1]) is { } minor) return new DrbdSplitBrainMessage(minor, null, null);
        if (n >= 2 && t[n - 2] is "drbd" or "d-con") return Named(t[n - 1], null);
        if (n >= 3 && t[n - 3] == "drbd") return Named(t[n - 2], null);
        return null;
    }

    /// <summary>"/sbin/drbdadm split-brain minor-0" and its "… exit code 0 (0x0)" line: the word after the program
    /// is exactly split-brain.</summary>
    private static bool CallsSplitBrainHelper(ReadOnlySpan<char> command)
    {
        var words = command.ToString().Split(Blanks, 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[0].EndsWith("drbdadm", StringComparison.Ordinal) && words[1] == "split-brain";
    }

    /// <summary>"r0" or "r0/1".</summary>
    private static DrbdSplitBrainMessage? Named(string resource, int? minor)
    {
        var slash = resource.IndexOf('/');
        var name = slash < 0 ? resource : resource[..slash];
        int? volume = slash >= 0 && Number(resource.AsSpan(slash + 1)) is { } v ? v : null;
        if (name.Length == 0 || (slash >= 0 && volume is null)) return null;
        return new DrbdSplitBrainMessage(minor, name, volume);
    }

    /// <summary>"drbd12" → 12.</summary>
    private static int? Minor(string token) =>
        token.StartsWith("drbd", StringComparison.Ordinal) ? Number(token.AsSpan(4)) : null;

    /// <summary>A decimal number as the kernel prints it: no sign, no leading zero.</summary>
    private static int? Number(ReadOnlySpan<char> text) =>
        text.Length is > 0 and <= 7 && (text[0] != '0' || text.Length == 1)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>/dev/kmsg records start "PRIORITY,SEQUENCE,MICROSECONDS,FLAGS[,…];".</summary>
    private static ReadOnlySpan<char> WithoutKmsgHeader(ReadOnlySpan<char> text)
    {
        var semicolon = text.IndexOf(';');
        if (semicolon <= 0) return text;
        var fields = 0;
        foreach (var range in text[..semicolon].Split(','))
        {
            var field = text[..semicolon][range];
            if (fields < 3 && (field.IsEmpty || field.ContainsAnyExceptInRange('0', '9'))) return text;
            fields++;
        }
        return fields >= 4 ? text[(semicolon + 1)..] : text;
    }
}
