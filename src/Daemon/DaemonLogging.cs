using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Failover.Daemon;

/// <summary>
/// Under systemd (INVOCATION_ID set) log lines carry `&lt;N&gt;` priority prefixes that journald turns into
/// priorities, and no timestamp of our own; in a terminal they get a millisecond timestamp.
/// </summary>
public static class DaemonLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.SetMinimumLevel(LogLevel.Information);
        if (Environment.GetEnvironmentVariable("INVOCATION_ID") is not null)
        {
            logging.AddSystemdConsole(o => o.UseUtcTimestamp = true);
            return;
        }
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
    }
}
