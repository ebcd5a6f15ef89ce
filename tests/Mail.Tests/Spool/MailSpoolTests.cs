using System.Text;
using Failover.Carp.Tests.Support;
using Failover.Mail.Message;
using Failover.Mail.Smtp;
using Failover.Mail.Spool;

namespace Failover.Mail.Tests.Spool;

public sealed class MailSpoolTests : IDisposable
{
    private static readonly MailEnvelope Envelope = new("failover@varda", ["admin@example.test"]);
    private readonly string _directory = Directory.CreateTempSubdirectory("failover-spool-").FullName;
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingTransport _relay = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Enqueued_message_is_a_file_until_delivered()
    {
        var spool = NewSpool();
        var id = spool.Enqueue(Envelope, "Subject: a\r\n\r\nbody\r\n"u8);
        Assert.True(File.Exists(Path.Combine(_directory, id + ".mail")));
        Assert.Equal(1, spool.Count);
        Assert.Equal(_time.GetUtcNow(), spool.NextAttemptAt);

        var pass = await spool.DeliverDueAsync(CancellationToken.None);

        Assert.Equal([id], pass.Delivered);
        Assert.Equal(["failover@varda>admin@example.test|Subject: a\r\n\r\nbody\r\n"], _relay.Accepted);
        Assert.Equal(0, spool.Count);
        Assert.Null(spool.NextAttemptAt);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Messages_go_out_oldest_first_even_within_one_tick()
    {
        var spool = NewSpool();
        for (var i = 0; i < 12; i++)
        {
            spool.Enqueue(Envelope, Encoding.ASCII.GetBytes($"m{i:D2}"));
            if (i % 3 == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
        await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"m{i:D2}"), _relay.Accepted.Select(a => a.Split('|')[1]));
    }

    [Fact]
    public async Task Relay_down_backs_off_exponentially_then_delivers_everything()
    {
        var spool = NewSpool();
        spool.Enqueue(Envelope, "one"u8);
        spool.Enqueue(Envelope, "two"u8);
        _relay.Next = _ => RecordingTransport.Down();

        var pass = await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Equal("relay 192.0.2.25:25: cannot connect: Connection refused", pass.Deferred!.Error);
        Assert.Equal(1, _relay.Attempts); // the second would fail the same way: not tried
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(15), pass.NextAttemptAt);

        // Not due yet: no attempt.
        _time.Advance(TimeSpan.FromSeconds(14));
        await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(1, _relay.Attempts);

        _time.Advance(TimeSpan.FromSeconds(1));
        pass = await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, _relay.Attempts);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), pass.NextAttemptAt);
        Assert.Equal(2, spool.ConsecutiveFailures);

        _relay.Next = _ => null;
        _time.Advance(TimeSpan.FromSeconds(30));
        pass = await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, pass.Delivered.Count);
        Assert.Equal(0, spool.ConsecutiveFailures);
        Assert.Equal(0, spool.Count);
    }

    [Fact]
    public async Task Backoff_is_capped()
    {
        var spool = NewSpool();
        spool.Enqueue(Envelope, "x"u8);
        _relay.Next = _ => RecordingTransport.Down();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            var pass = await spool.DeliverDueAsync(CancellationToken.None);
            var wait = pass.NextAttemptAt!.Value - _time.GetUtcNow();
            waits.Add(wait);
            _time.Advance(wait);
        }
        Assert.Equal(12, _relay.Attempts);
        // 15 s · 2^11 would be 8.5 h.
        Assert.Equal([15, 30, 60, 120, 240, 480, 600, 600, 600, 600, 600, 600], waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public async Task Permanent_refusal_goes_to_dead_letter_with_its_reason_and_the_rest_is_delivered()
    {
        var spool = NewSpool();
        var bad = spool.Enqueue(Envelope, "bad"u8);
        var good = spool.Enqueue(Envelope, "good"u8);
        _relay.Next = text => text == "bad" ? RecordingTransport.Rejected() : null;

        var pass = await spool.DeliverDueAsync(CancellationToken.None);

        var dead = Assert.Single(pass.DeadLettered);
        Assert.Equal(bad, dead.Id);
        Assert.Equal("relay 192.0.2.25:25 refused RCPT <x@example.test>: 550 5.1.1 User unknown", dead.Error);
        Assert.Equal([good], pass.Delivered);
        Assert.Equal(0, spool.Count);
        Assert.Equal(1, spool.DeadLetterCount);
        Assert.True(File.Exists(Path.Combine(spool.DeadLetterDirectory, bad + ".mail")));
        Assert.EndsWith(" relay 192.0.2.25:25 refused RCPT <x@example.test>: 550 5.1.1 User unknown\n",
            File.ReadAllText(Path.Combine(spool.DeadLetterDirectory, bad + ".reason")), StringComparison.Ordinal);
        Assert.Equal(0, spool.ConsecutiveFailures);

        // Never retried.
        _time.Advance(TimeSpan.FromHours(1));
        await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, _relay.Attempts);
    }

    [Fact]
    public async Task A_5xx_to_auth_is_not_the_messages_fault_and_is_retried()
    {
        var spool = NewSpool();
        spool.Enqueue(Envelope, "x"u8);
        _relay.Next = _ => new SmtpDeliveryException("relay r:25 refused AUTH PLAIN as u: 535 5.7.8 bad credentials",
            new SmtpReply(535, ["5.7.8 bad credentials"]));
        var pass = await spool.DeliverDueAsync(CancellationToken.None);
        Assert.NotNull(pass.Deferred);
        Assert.Empty(pass.DeadLettered);
        Assert.Equal(1, spool.Count);
    }

    [Fact]
    public async Task A_new_spool_object_on_the_same_directory_delivers_what_the_old_one_left()
    {
        var before = NewSpool();
        _relay.Next = _ => RecordingTransport.Down();
        before.Enqueue(Envelope, "first"u8);
        before.Enqueue(new AlertMessage
        {
            From = "failover@varda",
            To = ["a@example.test", "b@example.test"],
            Subject = "s",
            Body = "b",
            Date = _time.GetUtcNow(),
            MessageId = "<1@varda>",
        });
        await before.DeliverDueAsync(CancellationToken.None);

        // "Restart": the backoff is forgotten, the files are not.
        _relay.Next = _ => null;
        var after = NewSpool();
        Assert.Equal(2, after.Count);
        var pass = await after.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, pass.Delivered.Count);
        Assert.Equal("failover@varda>admin@example.test|first", _relay.Accepted[0]);
        Assert.StartsWith("failover@varda>a@example.test,b@example.test|From: ", _relay.Accepted[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_mid_write_leaves_no_message_and_a_foreign_file_is_set_aside()
    {
        NewSpool();
        File.WriteAllText(Path.Combine(_directory, "tmp", "0000-half.mail"), "Failover-Spool: 1\nEnvelope-Fr");
        File.WriteAllText(Path.Combine(_directory, "0000-foreign.mail"), "hello\nworld\n");
        var spool = NewSpool();
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "tmp")));

        var pass = await spool.DeliverDueAsync(CancellationToken.None);

        Assert.Equal("not a spool file", Assert.Single(pass.DeadLettered).Error);
        Assert.Equal(0, _relay.Attempts);
    }

    [Fact]
    public async Task Run_delivers_on_enqueue_and_retries_when_the_backoff_ends()
    {
        var spool = NewSpool();
        var passes = new List<SpoolPass>();
        _relay.Next = _ => RecordingTransport.Down();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => spool.RunAsync(p => { lock (passes) { passes.Add(p); } }, stop.Token));

        spool.Enqueue(Envelope, "x"u8);
        await WaitUntil(() => _relay.Attempts == 1);
        _relay.Next = _ => null;
        await WaitUntil(() => _time.ArmedTimers > 0);
        _time.Advance(TimeSpan.FromSeconds(15));
        await WaitUntil(() => _relay.Accepted.Count == 1);
        Assert.Equal(0, spool.Count);

        await stop.CancelAsync();
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        Assert.True(run.IsCompleted);
        lock (passes)
        {
            Assert.NotNull(passes[0].Deferred);
            Assert.Single(passes[^1].Delivered);
        }
    }

    private MailSpool NewSpool() => new(_directory, _relay, _time);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
