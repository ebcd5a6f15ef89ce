namespace Failover.Monitors.Exec;

/// <summary>
/// The Nagios plugin convention (REFERENCE §4): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. WARNING counts as
/// healthy, since a warning (disk 85 % full) is no reason to fail over, but the reason says WARNING so
/// the log shows it. Any other code is unhealthy.
/// </summary>
internal static class NagiosExitCode
{
    public static bool IsHealthy(int exitCode) => exitCode is 0 or 1;

    public static string Label(int exitCode) => exitCode switch
    {
        0 => "OK",
        1 => "WARNING",
        2 => "CRITICAL",
        3 => "UNKNOWN",
        _ => $"exit {exitCode}",
    };

    /// <summary>"OK" keeps the plugin's message as is; every other code prefixes its label
    /// ("WARNING: DISK WARNING - free space…"); no message gives "exit 2 (CRITICAL)".</summary>
    public static string Reason(int exitCode, string message)
    {
        if (message.Length == 0)
        {
            return exitCode is >= 0 and <= 3 ? $"exit {exitCode} ({Label(exitCode)})" : $"exit {exitCode}";
        }
        return exitCode == 0 ? message : $"{Label(exitCode)}: {message}";
    }
}
