using Failover.Remote.Ssh;
using Microsoft.Extensions.Logging;

namespace Failover.Remote;

/// <summary>
/// Writes one remote command and how it ended into the log: the command as the peer's shell got it, then each
/// line of its stdout and stderr, so what ran on the peer can be read back from this node's journal.
/// </summary>
public static partial class RemoteLog
{
    /// <summary>Lines beyond this per stream are counted, not logged: a chatty command must not flood the journal.</summary>
    public const int MaxLinesPerStream = 40;

    public static void Write(ILogger logger, string target, IReadOnlyList<string> argv, RemoteResult result)
    {
        var command = ShellWords.Join(argv);
        var took = (long)result.Took.TotalMilliseconds;
        if (result.TimedOut)
            TimedOut(logger, target, command, took);
        else if (result.ExitCode == 0)
            Succeeded(logger, target, command, took);
        else
            Failed(logger, target, command, result.ExitCode, took);
        WriteLines(logger, target, "stdout", result.StdOut);
        WriteLines(logger, target, "stderr", result.StdErr);
    }

    private static void WriteLines(ILogger logger, string target, string stream, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Take(MaxLinesPerStream))
            Output(logger, target, stream, line.TrimEnd('\r'));
        if (lines.Length > MaxLinesPerStream)
            Omitted(logger, target, stream, lines.Length - MaxLinesPerStream);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "remote {Target}: {Command}: exit 0 in {TookMs} ms")]
    private static partial void Succeeded(ILogger logger, string target, string command, long tookMs);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "remote {Target}: {Command}: exit {ExitCode} in {TookMs} ms")]
    private static partial void Failed(ILogger logger, string target, string command, int exitCode, long tookMs);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "remote {Target}: {Command}: timed out after {TookMs} ms, ssh killed")]
    private static partial void TimedOut(ILogger logger, string target, string command, long tookMs);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "remote {Target} {Stream}: {Line}")]
    private static partial void Output(ILogger logger, string target, string stream, string line);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "remote {Target} {Stream}: ({Count} more lines not logged)")]
    private static partial void Omitted(ILogger logger, string target, string stream, int count);
}
