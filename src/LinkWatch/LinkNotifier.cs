namespace Failover.LinkWatch;

/// <summary>
/// Hands settled link changes to subscribers, one callback at a time, in the order the changes happened,
/// on a thread-pool thread. Posting only queues (it runs under a debouncer's lock), so a slow or
/// re-entrant subscriber can neither block the receive loop nor deadlock with it.
/// </summary>
internal sealed class LinkNotifier
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Subscription>> _subscribers = [];
    private readonly Queue<(Subscription Subscriber, bool Up)> _queue = [];
    private bool _draining;
    private bool _closed;

    public IDisposable Subscribe(string name, Action<bool> onChange)
    {
        var subscription = new Subscription(this, name, onChange);
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(name, out var list))
            {
                _subscribers[name] = list = [];
            }
            list.Add(subscription);
        }
        return subscription;
    }

    public void Post(string name, bool up)
    {
        lock (_lock)
        {
            if (_closed || !_subscribers.TryGetValue(name, out var list) || list.Count == 0)
                return;
            foreach (var subscriber in list)
            {
                _queue.Enqueue((subscriber, up));
            }
            if (!_draining)
            {
                _draining = true;
                ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: false);
            }
        }
    }

    /// <summary>Drops queued changes and refuses new ones; a callback already running finishes.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _queue.Clear();
        }
    }

    private void Drain()
    {
        while (true)
        {
            (Subscription Subscriber, bool Up) next;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out next))
                {
                    _draining = false;
                    return;
                }
            }
            // An exception here is a subscriber's bug; it surfaces as an unhandled thread-pool exception.
            next.Subscriber.Deliver(next.Up);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            if (_subscribers.TryGetValue(subscription.Name, out var list))
            {
                list.Remove(subscription);
            }
        }
    }

    private sealed class Subscription(LinkNotifier notifier, string name, Action<bool> onChange) : IDisposable
    {
        private volatile bool _disposed;

        public string Name { get; } = name;

        public void Deliver(bool up)
        {
            if (!_disposed)
                onChange(up);
        }

        public void Dispose()
        {
            _disposed = true;
            notifier.Remove(this);
        }
    }
}
