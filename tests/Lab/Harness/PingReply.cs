using System.Globalization;
using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>One echo reply as <c>ping -D</c> prints it: the kernel's receive time and the sequence number.</summary>
public sealed partial record PingReply(DateTimeOffset At, int Sequence)
{
    /// <summary>Parses <c>[1795266469.743304] 64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.420 ms</c>.</summary>
    public static PingReply? TryParse(string line)
    {
        var match = ReplyLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var seconds = long.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        var fraction = match.Groups["fraction"].Value.PadRight(7, '0')[..7];
        var ticks = seconds * TimeSpan.TicksPerSecond + long.Parse(fraction, CultureInfo.InvariantCulture);
        return new PingReply(
            DateTimeOffset.UnixEpoch.AddTicks(ticks),
            int.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\[(?<seconds>\d+)\.(?<fraction>\d+)\] \d+ bytes from [^:]+: icmp_seq=(?<sequence>\d+)")]
    private static partial Regex ReplyLine();
}
