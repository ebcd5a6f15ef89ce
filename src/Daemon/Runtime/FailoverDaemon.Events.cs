using Failover.Control;

namespace Failover.Daemon.Runtime;

/// <summary>failoverctl events: the journal's events, read through <see cref="Journal.IEventJournal.Read"/>.</summary>
public sealed partial class FailoverDaemon
{
    /// <summary>At most this many events per answer (the newest): a follower asks again after the last one it got.</summary>
    public const int MaxEventsPerAnswer = 10_000;

    /// <summary>The journal given to <see cref="StartAsync"/> (null without one): append mode changes to it, read it for pages.</summary>
    public Journal.IEventJournal? Journal => _journal;

    private ControlResponse Events(ControlRequest request)
    {
        if (_journal is null)
            return new ControlResponse(false, "this failoverd keeps no event journal");
        var events = _journal.Read(request.Since, request.Group, request.AfterSeq, MaxEventsPerAnswer);
        return new ControlResponse(true, Events: events.Select(e => new EventReport(e.Seq, e.At, e.Kind, e.Group, e.Text, e.Fields)).ToArray());
    }
}
