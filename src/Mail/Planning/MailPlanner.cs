using System.Globalization;
using System.Text;

namespace Failover.Mail.Planning;

/// <summary>
/// Turns alert events into mails without a storm when things flap. Pure: events and times in, mails
/// out; the caller owns the clock and calls <see cref="Tick"/> at <see cref="NextDueAt"/>.
/// Per stream (kind + subject): the first event goes out at once and opens a window; events inside the
/// window are held; when the window ends, held events go out as one digest and a new window opens, so
/// a stream that keeps flapping gets one mail per window; a window that ends with nothing held closes,
/// and the next event goes out at once again.
/// </summary>
public sealed class MailPlanner(MailPlannerOptions options)
{
    private readonly List<EventStream> _streams = [];

    /// <summary>When the earliest open window ends (a digest may be due); null when none is open.</summary>
    public DateTimeOffset? NextDueAt => _streams.Count == 0 ? null : _streams.Min(s => s.WindowEnd);

    /// <summary>Events waiting for their window to end.</summary>
    public int Held => _streams.Sum(s => s.Held.Count);

    /// <summary>Takes an event at its time <see cref="MailEvent.At"/>; returns the mails to send now
    /// (digests whose window ended before it, then the event's own mail unless its stream is in a window).</summary>
    public IReadOnlyList<PlannedMail> Add(MailEvent mailEvent)
    {
        var mails = Tick(mailEvent.At).ToList();
        var stream = _streams.Find(s => s.Kind == mailEvent.Kind && s.Subject == mailEvent.Subject);
        if (stream is not null)
        {
            stream.Held.Add(mailEvent);
            return mails;
        }
        _streams.Add(new EventStream(mailEvent.Kind, mailEvent.Subject, mailEvent.At + options.Window));
        mails.Add(new PlannedMail(mailEvent.Subject, mailEvent.Text, [mailEvent]));
        return mails;
    }

    /// <summary>Ends every window due at or before <paramref name="now"/>; returns the digests that are due,
    /// in the order their windows ended.</summary>
    public IReadOnlyList<PlannedMail> Tick(DateTimeOffset now)
    {
        var mails = new List<PlannedMail>();
        while (_streams.Where(s => s.WindowEnd <= now).MinBy(s => s.WindowEnd) is { } due)
        {
            if (due.Held.Count == 0)
            {
                _streams.Remove(due);
                continue;
            }
            mails.Add(Digest(due));
            due.Held.Clear();
            due.WindowEnd += options.Window;
        }
        return mails;
    }

    /// <summary>Ends every window now (the daemon is stopping): the digests of all held events, which would
    /// otherwise be lost with the process.</summary>
    public IReadOnlyList<PlannedMail> Drain()
    {
        var mails = _streams.Where(s => s.Held.Count > 0).OrderBy(s => s.WindowEnd).Select(Digest).ToList();
        _streams.Clear();
        return mails;
    }

    private PlannedMail Digest(EventStream stream)
    {
        var events = stream.Held.ToList();
        var inv = CultureInfo.InvariantCulture;
        var span = Describe(options.Window);
        var body = new StringBuilder();
        body.Append(inv, $"{events.Count} {(events.Count == 1 ? "event" : "events")} in {span} ")
            .Append(inv, $"({events[0].At.UtcDateTime:yyyy-MM-dd HH:mm:ss} – {events[^1].At.UtcDateTime:HH:mm:ss} UTC), ")
            .Append(inv, $"folded into one mail; at most one mail per {span} for \"{stream.Subject}\":\n\n");
        foreach (var e in events.Take(options.MaxListed))
        {
            body.Append(inv, $"  {e.At.UtcDateTime:HH:mm:ss}  {FirstLine(e.Text)}\n");
        }
        if (events.Count > options.MaxListed)
        {
            body.Append(inv, $"  … and {events.Count - options.MaxListed} more\n");
        }
        body.Append("\nThe last event in full:\n\n").Append(events[^1].Text);
        if (!events[^1].Text.EndsWith('\n'))
        {
            body.Append('\n');
        }
        var subject = string.Create(inv, $"{stream.Subject} ({events.Count} {(events.Count == 1 ? "event" : "events")} in {span})");
        return new PlannedMail(subject, body.ToString(), events);
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }

    internal static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");

    private sealed class EventStream(string kind, string subject, DateTimeOffset windowEnd)
    {
        public string Kind { get; } = kind;
        public string Subject { get; } = subject;
        public DateTimeOffset WindowEnd { get; set; } = windowEnd;
        public List<MailEvent> Held { get; } = [];
    }
}
