using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Failover.Monitors.Samba;

/// <summary>
/// Reads what smbclient (Samba 4.x) printed for one <c>-c</c> run into a <see cref="SmbclientOutcome"/>.
/// Pure, and never throws on any text. Only lines that start with smbclient's own failure wording count:
/// a listing indents its entries, so a file named "tree connect failed: …" in the share is not mistaken
/// for a failure.
/// </summary>
public static partial class SmbclientOutput
{
    private const int ShownLength = 160;

    private static readonly (Regex Pattern, SmbclientStage Stage)[] Failures =
    [
        (ConnectFailed(), SmbclientStage.Connect),
        (NegotiateFailed(), SmbclientStage.Negotiate),
        (SessionSetupFailed(), SmbclientStage.SessionSetup),
        (TreeConnectFailed(), SmbclientStage.TreeConnect),
        (OpenFailed(), SmbclientStage.OpenFile),
        (ListingFailed(), SmbclientStage.Listing),
        (CredentialsUnreadable(), SmbclientStage.Credentials),
    ];

    /// <summary>The outcome of a run that exited with <paramref name="exitCode"/>: its first failure line
    /// if any (whatever the exit code: old versions exited 0 after a failed command), else success for
    /// exit 0, else <see cref="SmbclientStage.Unknown"/> with the first line naming an NT status or the last line.</summary>
    public static SmbclientOutcome Parse(int exitCode, string stdout, string stderr)
    {
        var lines = (stdout + "\n" + stderr).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        long? size = null;
        foreach (var line in lines)
        {
            foreach (var (pattern, stage) in Failures)
            {
                if (pattern.Match(line) is { Success: true } failure)
                {
                    var status = failure.Groups["status"] is { Success: true } s ? s.Value : null;
                    return new SmbclientOutcome(stage, status, Shown(line), null, exitCode);
                }
            }
            if (size is null && GettingFile().Match(line) is { Success: true } got
                && long.TryParse(got.Groups["size"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                size = bytes;
            }
        }
        if (exitCode == 0)
            return new SmbclientOutcome(SmbclientStage.Done, null, "", size, exitCode);
        if (lines.FirstOrDefault(l => NtStatusToken().IsMatch(l)) is { } statusLine)
            return new SmbclientOutcome(SmbclientStage.Unknown, NtStatusToken().Match(statusLine).Value, Shown(statusLine), null, exitCode);
        return new SmbclientOutcome(SmbclientStage.Unknown, null, Shown(lines.LastOrDefault(l => l.Trim().Length > 0) ?? ""), null, exitCode);
    }

    /// <summary>Printable and short, for a log line.</summary>
    private static string Shown(string line)
    {
        var text = new StringBuilder(Math.Min(line.Length, ShownLength + 1));
        foreach (var c in line.Trim())
        {
            if (text.Length == ShownLength)
            {
                text.Append('…');
                break;
            }
            text.Append(char.IsControl(c) ? '?' : c);
        }
        return text.ToString();
    }

    [GeneratedRegex(@"^do_connect: Connection to .* failed \(Error (?<status>NT_STATUS_[A-Z0-9_]+)\)")]
    private static partial Regex ConnectFailed();

    [GeneratedRegex(@"^protocol negotiation failed: (?<status>NT_STATUS_[A-Z0-9_]+)")]
    private static partial Regex NegotiateFailed();

    [GeneratedRegex(@"^session setup failed: (?<status>NT_STATUS_[A-Z0-9_]+)")]
    private static partial Regex SessionSetupFailed();

    [GeneratedRegex(@"^tree connect failed: (?<status>NT_STATUS_[A-Z0-9_]+)")]
    private static partial Regex TreeConnectFailed();

    [GeneratedRegex(@"^(?<status>NT_STATUS_[A-Z0-9_]+) opening remote file ")]
    private static partial Regex OpenFailed();

    [GeneratedRegex(@"^(?<status>NT_STATUS_[A-Z0-9_]+) listing ")]
    private static partial Regex ListingFailed();

    [GeneratedRegex(@"^(ERROR: Unable to open credentials file!|Failed to set parse authentication file!)")]
    private static partial Regex CredentialsUnreadable();

    [GeneratedRegex(@"^getting file .* of size (?<size>[0-9]{1,18}) as ")]
    private static partial Regex GettingFile();

    [GeneratedRegex(@"NT_STATUS_[A-Z0-9_]+")]
    private static partial Regex NtStatusToken();
}
