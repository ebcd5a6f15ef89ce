using System.Collections.Concurrent;

namespace Failover.LinkWatch.Tests;

/// <summary>Delivery: ordered, one callback at a time, off the posting thread, stoppable.</summary>
public sealed class LinkNotifierTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly LinkNotifier _notifier = new();

    [Fact]
    public void Changes_arrive_in_order_one_at_a_time_and_not_on_the_posting_thread()
    {
        var seen = new ConcurrentQueue<string>();
        int running = 0, overlaps = 0;
        int poster = Environment.CurrentManagedThreadId;
        var callbackThreads = new ConcurrentBag<int>();
        using var done = new CountdownEvent(400);
        void Record(string name, bool up)
        {
            if (Interlocked.Increment(ref running) > 1)
                Interlocked.Increment(ref overlaps);
            callbackThreads.Add(Environment.CurrentManagedThreadId);
            seen.Enqueue($"{name}:{up}");
            Thread.SpinWait(200);
            Interlocked.Decrement(ref running);
            done.Signal();
        }
        _notifier.Subscribe("a", up => Record("a", up));
        _notifier.Subscribe("b", up => Record("b", up));

        for (int i = 0; i < 200; i++)
        {
            _notifier.Post("a", i % 2 == 0);
            _notifier.Post("b", i % 2 == 1);
        }

        Assert.True(done.Wait(Patience));
        Assert.Equal(0, overlaps);
        Assert.DoesNotContain(poster, callbackThreads);
        var expected = Enumerable.Range(0, 200).SelectMany(i => new[] { $"a:{i % 2 == 0}", $"b:{i % 2 == 1}" });
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Only_subscribers_of_that_interface_hear_of_it()
    {
        var heard = new BlockingCollection<string>();
        _notifier.Subscribe("a", up => heard.Add($"a:{up}"));
        _notifier.Subscribe("b", up => heard.Add($"b:{up}"));

        _notifier.Post("b", false);
        _notifier.Post("c", true);

        Assert.True(heard.TryTake(out var first, Patience));
        Assert.Equal("b:False", first);
        Assert.False(heard.TryTake(out _, 200));
    }

    [Fact]
    public void A_disposed_subscription_hears_nothing_more()
    {
        var heard = new BlockingCollection<bool>();
        var subscription = _notifier.Subscribe("a", heard.Add);
        _notifier.Post("a", true);
        Assert.True(heard.TryTake(out _, Patience));

        subscription.Dispose();
        _notifier.Post("a", false);

        Assert.False(heard.TryTake(out _, 200));
    }

    [Fact]
    public void A_callback_may_subscribe_and_post_without_deadlock()
    {
        var heard = new BlockingCollection<string>();
        _notifier.Subscribe("b", up => heard.Add($"b:{up}"));
        _notifier.Subscribe("a", up =>
        {
            heard.Add($"a:{up}");
            _notifier.Post("b", up);
        });

        _notifier.Post("a", true);

        Assert.True(heard.TryTake(out var first, Patience));
        Assert.True(heard.TryTake(out var second, Patience));
        Assert.Equal(["a:True", "b:True"], new[] { first, second });
    }

    [Fact]
    public void After_close_nothing_is_delivered()
    {
        var heard = new BlockingCollection<bool>();
        _notifier.Subscribe("a", heard.Add);

        _notifier.Close();
        _notifier.Post("a", true);

        Assert.False(heard.TryTake(out _, 200));
    }
}
