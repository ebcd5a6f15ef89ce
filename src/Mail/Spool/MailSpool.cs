using System.Globalization;
using Failover.Mail.Message;
using Failover.Mail.Smtp;

namespace Failover.Mail.Spool;

/// <summary>
/// A durable outbox: one file per message in a directory (under state_dir), written atomically (temp
/// file, fsync, rename, fsync of the directory) so a message that <see cref="Enqueue(MailEnvelope, ReadOnlySpan{byte})"/>
/// accepted survives a dead relay, a crash or a restart. Messages go out oldest first. A transient
/// failure (relay down, 4xx, timeout) ends the pass and backs the whole spool off exponentially: they
/// all go through the same relay, so trying the next message would fail the same way. A 5xx moves that
/// message to "dead/" with a ".reason" file beside it, and the pass goes on with the next.
/// The backoff lives in memory: after a restart the spool tries at once.
/// </summary>
public sealed class MailSpool
{
    private const string Extension = ".mail";
    private readonly IMailTransport _transport;
    private readonly TimeProvider _time;
    private readonly RetryBackoff _backoff;
    private readonly string _temp;
    private readonly SemaphoreSlim _passLock = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0);
    private long _sequence;
    private int _failures;
    // UTC ticks of the end of the current backoff, 0 when none; read by NextAttemptAt from any thread.
    private long _retryAtTicks;

    public MailSpool(string directory, IMailTransport transport, TimeProvider time, RetryBackoff? backoff = null)
    {
        Directory = Path.GetFullPath(directory);
        DeadLetterDirectory = Path.Combine(Directory, "dead");
        _temp = Path.Combine(Directory, "tmp");
        _transport = transport;
        _time = time;
        _backoff = backoff ?? RetryBackoff.Default;
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(DeadLetterDirectory);
        System.IO.Directory.CreateDirectory(_temp);
        // A temp file left by a crash was never acknowledged to the caller: it is not a message.
        foreach (var stale in System.IO.Directory.EnumerateFiles(_temp))
        {
            File.Delete(stale);
        }
    }

    public string Directory { get; }

    public string DeadLetterDirectory { get; }

    /// <summary>Messages waiting to be delivered (for metrics and status).</summary>
    public int Count => PendingFiles().Length;

    /// <summary>Messages given up on.</summary>
    public int DeadLetterCount => System.IO.Directory.GetFiles(DeadLetterDirectory, "*" + Extension).Length;

    /// <summary>Consecutive failed attempts since the last success.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>When the next pass will try: null when nothing is waiting, now or earlier when due.</summary>
    public DateTimeOffset? NextAttemptAt
    {
        get
        {
            if (Count == 0)
            {
                return null;
            }
            var now = _time.GetUtcNow();
            return RetryAt is { } at && at > now ? at : now;
        }
    }

    /// <summary>Renders and spools an alert; returns its spool id.</summary>
    public string Enqueue(AlertMessage message) => Enqueue(message.Envelope, MessageRenderer.Render(message));

    /// <summary>Writes the message durably into the spool and returns its id (the file name without
    /// extension). When this returns, the message survives a crash.</summary>
    public string Enqueue(MailEnvelope envelope, ReadOnlySpan<byte> message)
    {
        var now = _time.GetUtcNow();
        // File names sort in queue order: UTC ticks, then a per-process sequence for the same tick.
        var id = string.Create(CultureInfo.InvariantCulture,
            $"{now.UtcTicks:D19}-{Interlocked.Increment(ref _sequence):D6}-{Guid.NewGuid().ToString("N")[..8]}");
        var temp = Path.Combine(_temp, id + Extension);
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(SpoolFile.Write(envelope, now, message));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, Path.Combine(Directory, id + Extension));
        DirectorySync.Flush(Directory);
        _wake.Release();
        return id;
    }

    /// <summary>
    /// Sends what is due, oldest first, unless the spool is backing off. Never throws for a delivery
    /// failure: the outcome is in the returned <see cref="SpoolPass"/>.
    /// </summary>
    public async Task<SpoolPass> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await _passLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var delivered = new List<string>();
            var dead = new List<SpoolFailure>();
            if (RetryAt is { } at && at > _time.GetUtcNow())
            {
                return new SpoolPass(delivered, dead, null, NextAttemptAt);
            }
            foreach (var file in PendingFiles())
            {
                var id = Path.GetFileNameWithoutExtension(file);
                var parsed = SpoolFile.Read(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), out var unreadable);
                if (parsed is not { } mail)
                {
                    dead.Add(MoveToDeadLetter(file, id, unreadable!));
                    continue;
                }
                try
                {
                    await _transport.SendAsync(mail.Envelope, mail.Message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsPermanent(e))
                {
                    dead.Add(MoveToDeadLetter(file, id, e.Message));
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var failures = Interlocked.Increment(ref _failures);
                    RetryAt = _time.GetUtcNow() + _backoff.After(failures);
                    return new SpoolPass(delivered, dead, new SpoolFailure(id, e.Message), NextAttemptAt);
                }
                File.Delete(file);
                delivered.Add(id);
                Volatile.Write(ref _failures, 0);
                RetryAt = null;
            }
            return new SpoolPass(delivered, dead, null, NextAttemptAt);
        }
        finally
        {
            _passLock.Release();
        }
    }

    /// <summary>
    /// Delivers until cancelled: a pass at start (what a previous run left), after every
    /// <see cref="Enqueue(MailEnvelope, ReadOnlySpan{byte})"/>, and when a backoff runs out.
    /// <paramref name="onPass"/> sees every pass that did something (to log and count). Returns when
    /// <paramref name="cancellationToken"/> is cancelled (or throws OperationCanceledException from a pass).
    /// </summary>
    public async Task RunAsync(Action<SpoolPass>? onPass, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var pass = await DeliverDueAsync(cancellationToken).ConfigureAwait(false);
            if (pass.Delivered.Count > 0 || pass.DeadLettered.Count > 0 || pass.Deferred is not null)
            {
                onPass?.Invoke(pass);
            }
            var wait = pass.NextAttemptAt is { } next
                ? Max(next - _time.GetUtcNow(), TimeSpan.Zero)
                : Timeout.InfiniteTimeSpan;
            if (wait == TimeSpan.Zero)
            {
                continue;
            }
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, _time, either.Token);
            var woken = _wake.WaitAsync(either.Token);
            await Task.WhenAny(delay, woken).ConfigureAwait(false);
            either.Cancel();
            try
            {
                await Task.WhenAll(delay, woken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private DateTimeOffset? RetryAt
    {
        get => Volatile.Read(ref _retryAtTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Volatile.Write(ref _retryAtTicks, value?.UtcTicks ?? 0);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A 5xx (the relay will never take it) or a message we cannot even send (bad address).</summary>
    private static bool IsPermanent(Exception e) =>
        e is SmtpDeliveryException { IsPermanent: true } or ArgumentException;

    private string[] PendingFiles()
    {
        var files = System.IO.Directory.GetFiles(Directory, "*" + Extension);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private SpoolFailure MoveToDeadLetter(string file, string id, string reason)
    {
        var at = _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(DeadLetterDirectory, id + ".reason"), $"{at} {reason}\n");
        File.Move(file, Path.Combine(DeadLetterDirectory, id + Extension), overwrite: true);
        DirectorySync.Flush(DeadLetterDirectory);
        DirectorySync.Flush(Directory);
        return new SpoolFailure(id, reason);
    }
}
