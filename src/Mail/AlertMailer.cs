using Failover.Mail.Message;
using Failover.Mail.Planning;
using Failover.Mail.Spool;

namespace Failover.Mail;

/// <summary>
/// The glue the daemon holds: an event goes through the <see cref="MailPlanner"/> (rate limit, digests),
/// what it lets out is rendered and put in the <see cref="MailSpool"/>; a timer on the injected clock
/// sends the digests when their window ends. Delivery itself is the spool's <see cref="MailSpool.RunAsync"/>.
/// Thread-safe.
/// </summary>
public sealed class AlertMailer : IDisposable
{
    private readonly Lock _lock = new();
    private readonly MailPlanner _planner;
    private readonly MailSpool _spool;
    private readonly AlertAddressing _addressing;
    private readonly TimeProvider _time;
    private readonly Action<Exception>? _onError;
    private readonly ITimer _timer;

    public AlertMailer(MailPlanner planner, MailSpool spool, AlertAddressing addressing, TimeProvider time, Action<Exception>? onError = null)
    {
        _planner = planner;
        _spool = spool;
        _addressing = addressing;
        _time = time;
        _onError = onError;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Posts an event now; returns the spool ids of the mails it caused at once (none when it
    /// was folded into a coming digest). Throws when the spool cannot write (disk full).</summary>
    public IReadOnlyList<string> Post(string kind, string subject, string text)
    {
        lock (_lock)
        {
            var mails = _planner.Add(new MailEvent(_time.GetUtcNow(), kind, subject, text));
            var ids = Spool(mails);
            Arm();
            return ids;
        }
    }

    /// <summary>Spools the digests that are due; the timer calls it, tests may too.</summary>
    public IReadOnlyList<string> Tick()
    {
        lock (_lock)
        {
            var ids = Spool(_planner.Tick(_time.GetUtcNow()));
            Arm();
            return ids;
        }
    }

    /// <summary>Stops the timer and spools what the planner still holds, so a stop loses no event.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            try
            {
                Spool(_planner.Drain());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _onError?.Invoke(e);
            }
        }
    }

    private void OnTimer()
    {
        try
        {
            Tick();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _onError?.Invoke(e);
        }
    }

    private List<string> Spool(IReadOnlyList<PlannedMail> mails)
    {
        var ids = new List<string>();
        foreach (var mail in mails)
        {
            ids.Add(_spool.Enqueue(new AlertMessage
            {
                From = _addressing.From,
                To = _addressing.To,
                Subject = _addressing.SubjectPrefix + mail.Subject,
                Body = mail.Body,
                Date = _time.GetUtcNow(),
                MessageId = AlertMessage.NewMessageId(_addressing.MessageIdDomain),
            }));
        }
        return ids;
    }

    private void Arm()
    {
        var wait = _planner.NextDueAt is { } due ? due - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        _timer.Change(wait < TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }
}
