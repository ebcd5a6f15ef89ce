using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Failover.Control;

namespace Failover.Ctl.Events;

/// <summary>
/// `failoverctl events`: prints the daemon's journal; with --follow asks every half second for the events after the
/// last one printed, until Ctrl-C, and rides out a daemon restart (the journal's seq continues across it).
/// </summary>
public static class EventsCommand
{
    public const string UsageLine = "failoverctl [--socket PATH] events [--since TIME] [--group GROUP] [--follow] [--json]";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string socket, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (options, error) = EventsOptions.Parse(args, DateTimeOffset.Now, TimeZoneInfo.Local);
        if (options is null)
        {
            stderr.WriteLine($"failoverctl: {error}");
            stderr.WriteLine($"Usage: {UsageLine} (failoverctl --help says more)");
            return 2;
        }
        var request = new ControlRequest("events", options.Group, Since: options.Since);
        var (response, problem) = await AskAsync(socket, request).ConfigureAwait(false);
        if (response is null || !response.Ok)
        {
            stderr.WriteLine($"failoverctl: {problem ?? response?.Error ?? "no events in the answer"}");
            return 1;
        }
        var last = Print(response.Events ?? [], options.Json, stdout);
        if (!options.Follow)
            return 0;

        using var stop = new CancellationTokenSource();
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        return await FollowAsync(socket, request with { AfterSeq = last }, options.Json, stdout, stderr, stop.Token).ConfigureAwait(false);
    }

    /// <summary>Polls until <paramref name="stop"/>; says once when failoverd goes away and once when it is back.</summary>
    public static async Task<int> FollowAsync(string socket, ControlRequest request, bool json, TextWriter stdout, TextWriter stderr,
        CancellationToken stop)
    {
        var away = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollEvery, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var (response, problem) = await AskAsync(socket, request).ConfigureAwait(false);
            if (response is null || !response.Ok)
            {
                if (!away)
                    stderr.WriteLine($"failoverctl: {problem ?? response?.Error}; still following, waiting for failoverd");
                away = true;
                continue;
            }
            if (away)
                stderr.WriteLine("failoverctl: failoverd answers again");
            away = false;
            var last = Print(response.Events ?? [], json, stdout);
            if (last > request.AfterSeq)
                request = request with { AfterSeq = last };
        }
        return 0;
    }

    /// <summary>Prints the events; returns the last one's seq (0 when none).</summary>
    private static long Print(IReadOnlyList<EventReport> events, bool json, TextWriter stdout)
    {
        foreach (var e in events)
            stdout.WriteLine(json ? EventsText.Json(e) : EventsText.Line(e, TimeZoneInfo.Local));
        stdout.Flush();
        return events.Count > 0 ? events[^1].Seq : 0;
    }

    private static async Task<(ControlResponse? Response, string? Problem)> AskAsync(string socket, ControlRequest request)
    {
        try
        {
            return (await ControlClient.SendAsync(socket, request, AnswerWithin).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or JsonException)
        {
            return (null, $"cannot reach failoverd at {socket}: {Describe(e)}");
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.ConnectionRefused } =>
            "failoverd is not running (or uses another --socket)",
        SocketException { SocketErrorCode: SocketError.AccessDenied } =>
            "permission denied (run as root or as a member of the 'failover' group)",
        OperationCanceledException => $"no answer within {AnswerWithin.TotalSeconds:0} s",
        _ => e.Message,
    };
}
