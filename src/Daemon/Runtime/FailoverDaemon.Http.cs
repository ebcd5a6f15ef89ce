using Failover.Daemon.Http;
using Failover.Daemon.Journal;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>The opt-in metrics and status page endpoint (config http:).</summary>
public sealed partial class FailoverDaemon
{
    private StatusHttpServer? _http;
    private JournalTallies? _tallies;

    /// <summary>Where the http: endpoint listens; null when the config has none.</summary>
    public System.Net.IPEndPoint? HttpEndPoint => _http?.LocalEndPoint;

    /// <summary>Subscribes the metrics' tallies to the journal (transitions, chain step durations), when there is an endpoint.</summary>
    private void CountJournal(IEventJournal? journal)
    {
        if (_config.Http is not null)
            _tallies = new JournalTallies(journal);
    }

    /// <param name="journal">Draws the page's timeline; null: the page says there is no journal.</param>
    private void StartHttp(IEventJournal? journal, TimeProvider time, ILoggerFactory loggers)
    {
        if (_config.Http is not { } http || _tallies is null)
            return;
        var routes = new StatusRoutes(Status, _tallies, journal, time);
        _http = StatusHttpServer.Start(http.Listen, routes.Respond, loggers.CreateLogger("failoverd.http"));
    }

    private async ValueTask StopHttpAsync()
    {
        if (_http is not null)
            await _http.DisposeAsync().ConfigureAwait(false);
        _tallies?.Dispose();
    }
}
