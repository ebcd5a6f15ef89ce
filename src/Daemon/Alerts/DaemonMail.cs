using Failover.Daemon.Config;
using Failover.Mail;
using Failover.Mail.Planning;
using Failover.Mail.Smtp;
using Failover.Mail.Spool;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Alerts;

/// <summary>
/// failoverd's outbox: with <c>mail:</c>, every alert goes through the planner (digests when flapping)
/// into the spool in state_dir/mail, delivered by one background task; without it, alerts are only
/// logged (and the log says so once).
/// </summary>
public sealed partial class DaemonMail : IAlertOutbox, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly MailSpool? _spool;
    private readonly AlertMailer? _mailer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _delivery = Task.CompletedTask;
    private readonly TimeProvider _time;
    private readonly string? _relay;
    private readonly Lock _errorLock = new();

    /// <summary>How long a stopping daemon gives its spool: short, systemd is waiting.</summary>
    private static readonly TimeSpan LastPassGrace = TimeSpan.FromSeconds(5);

    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    private DaemonMail(MailConfig? config, string stateDir, string node, TimeProvider time, ILoggerFactory loggers, IMailTransport? transport)
    {
        _logger = loggers.CreateLogger("failoverd.mail");
        _time = time;
        if (config is null)
        {
            NotMailed();
            return;
        }
        _relay = config.Relay.Endpoint;
        _spool = new MailSpool(Path.Combine(stateDir, "mail"), transport ?? new SmtpRelayClient(config.Relay), time);
        _mailer = new AlertMailer(new MailPlanner(new MailPlannerOptions { Window = config.DigestWindow }), _spool,
            new AlertAddressing(config.From, config.To, node, config.SubjectPrefix), time, e => SpoolWriteFailed(e.Message));
        _delivery = Task.Run(() => DeliverAsync(_stopping.Token));
    }

    /// <param name="transport">The relay; tests give a fake, failoverd the SMTP client from <paramref name="config"/>.</param>
    public static DaemonMail Start(MailConfig? config, string stateDir, string node, TimeProvider time, ILoggerFactory loggers,
        IMailTransport? transport = null) => new(config, stateDir, node, time, loggers, transport);

    public bool Mails => _mailer is not null;

    public int Spooled => _spool?.Count ?? 0;

    public int DeadLetters => _spool?.DeadLetterCount ?? 0;

    public string? Relay => _relay;

    public string? LastError
    {
        get
        {
            lock (_errorLock)
                return _lastError;
        }
    }

    public DateTimeOffset? LastErrorAt
    {
        get
        {
            lock (_errorLock)
                return _lastErrorAt;
        }
    }

    public DateTimeOffset? NextAttemptAt => _spool?.NextAttemptAt;

    public void Post(Alert alert)
    {
        AlertRaised(alert.Subject);
        if (_mailer is null)
            return;
        try
        {
            _mailer.Post(alert.Kind, alert.Subject, alert.Body);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SpoolWriteFailed(e.Message);
            Failed($"cannot spool: {e.Message}");
        }
    }

    private async Task DeliverAsync(CancellationToken stopping)
    {
        try
        {
            await _spool!.RunAsync(OnPass, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void OnPass(SpoolPass pass)
    {
        if (pass.Delivered.Count > 0)
        {
            Delivered(pass.Delivered.Count, _relay!);
            lock (_errorLock)
                (_lastError, _lastErrorAt) = (null, null);
        }
        foreach (var dead in pass.DeadLettered)
        {
            DeadLettered(dead.Id, dead.Error);
            Failed($"{dead.Id} given up: {dead.Error}");
        }
        if (pass.Deferred is { } deferred)
        {
            Deferred(deferred.Error, pass.NextAttemptAt?.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "later");
            Failed(deferred.Error);
        }
    }

    private void Failed(string error)
    {
        lock (_errorLock)
            (_lastError, _lastErrorAt) = (error, _time.GetUtcNow());
    }

    /// <summary>Stops delivery after one last bounded pass: what the stop itself raised (a master leaving
    /// MASTER) goes out now if the relay takes it at once, and otherwise waits in the spool for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        _mailer?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _delivery.ConfigureAwait(false);
        _stopping.Dispose();
        if (_spool is { Count: > 0 })
        {
            using var grace = new CancellationTokenSource(LastPassGrace, _time);
            try
            {
                OnPass(await _spool.DeliverDueAsync(grace.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                // The relay took too long: the spool keeps it.
            }
            if (_spool.Count > 0)
                StoppedWithSpool(_spool.Count);
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "alerts are not mailed: failover.yaml has no mail: section (they are logged only)")]
    private partial void NotMailed();

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "alert: {Subject}")]
    private partial void AlertRaised(string subject);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "mail: {Count} message(s) delivered to {Relay}")]
    private partial void Delivered(int count, string relay);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "mail: delivery deferred, next try at {Next}: {Error}")]
    private partial void Deferred(string error, string next);

    [LoggerMessage(EventId = 804, Level = LogLevel.Error, Message = "mail: message {Id} given up (kept in the spool's dead/): {Error}")]
    private partial void DeadLettered(string id, string error);

    [LoggerMessage(EventId = 806, Level = LogLevel.Warning, Message = "mail: stopping with {Count} message(s) in the spool; they are sent at the next start")]
    private partial void StoppedWithSpool(int count);

    [LoggerMessage(EventId = 805, Level = LogLevel.Error, Message = "mail: cannot write to the spool: {Error}")]
    private partial void SpoolWriteFailed(string error);
}
