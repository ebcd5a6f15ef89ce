using Failover.Control;
using Failover.Daemon.Journal;

namespace Failover.Daemon.Http;

/// <summary>What the endpoint answers: GET (or HEAD) /metrics and /, 404 for any other path, 405 for any other method.</summary>
public sealed class StatusRoutes(Func<StatusReport> status, JournalTallies tallies, IEventJournal? journal, TimeProvider time)
{
    public const string Allowed = "GET, HEAD";

    public HttpReply Respond(HttpRequestHead request)
    {
        if (request.Path is not ("/" or "/metrics"))
            return HttpReply.Text(404, $"not found: {request.Path} (this endpoint serves / and /metrics)");
        if (request.Method is not ("GET" or "HEAD"))
            return HttpReply.Text(405, $"method {request.Method} not allowed: this endpoint is read-only", Allowed);
        var report = status();
        if (request.Path == "/metrics")
            return new HttpReply(200, PrometheusText.ContentType, PrometheusText.Render(report, tallies.Transitions(), tallies.Steps()));
        var now = time.GetUtcNow();
        var history = journal?.Read(since: now - StatusPage.Window).Where(e => e.Kind == JournalKinds.Transition).ToArray();
        return new HttpReply(200, StatusPage.ContentType, StatusPage.Render(report, history, now));
    }
}
