using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Failover.Peer.Session;
using Failover.Peer.Snapshot;
using Failover.Peer.Wire;

namespace Failover.Peer.Transport;

/// <summary>
/// The channel between the two nodes of a pair. Each node keeps one outbound connection to the peer, on which it
/// sends its own snapshots (and hears acks), and accepts the peer's inbound connection, on which it hears the peer's
/// snapshots (and acks them). So each direction of facts has exactly one connection and one initiator: no tie-break,
/// no ordering between two paths, and a one-way firewall shows as exactly one side unreachable.
/// </summary>
/// <remarks>
/// Nothing here blocks a caller: <see cref="Publish"/> only stores and signals; connections, the silence watchdog
/// and <see cref="Changed"/> run on the link's own tasks.
/// </remarks>
public sealed partial class PeerLink : IAsyncDisposable
{
    private readonly PeerLinkOptions options;
    private readonly TimeProvider time;
    private readonly RecentNonces seenHellos;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<PeerView> changes = Channel.CreateUnbounded<PeerView>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> publishSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<Task> tasks = [];
    private readonly object gate = new();
    private TcpListener? listener;
    private PeerView view;
    private byte[]? heardBody;
    private byte[]? published;
    private CancellationTokenSource? currentInbound;

    public PeerLink(PeerLinkOptions options, TimeProvider? time = null)
    {
        this.options = options;
        this.time = time ?? TimeProvider.System;
        seenHellos = new RecentNonces(options.TimeWindow);
        view = new PeerView(false, null, null, this.time.GetUtcNow());
    }

    /// <summary>Rejected frames by reason.</summary>
    public PeerRejectCounters Rejects { get; } = new();

    /// <summary>The bound listening address once started.</summary>
    public IPEndPoint? LocalEndPoint => listener?.LocalEndpoint as IPEndPoint;

    public PeerView Current
    {
        get { lock (gate) return view; }
    }

    /// <summary>Reachability or the peer's snapshot changed. Raised on the link's own task, one at a time.</summary>
    public event Action<PeerView>? Changed;

    public void Start()
    {
        lock (gate)
        {
            if (listener is not null)
                throw new InvalidOperationException("already started");
            listener = new TcpListener(options.Listen);
            // A restarted daemon must get its port back while old connections linger in TIME_WAIT.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            tasks.Add(AcceptAsync(listener, stop.Token));
            tasks.Add(ConnectLoopAsync(stop.Token));
            tasks.Add(WatchSilenceAsync(stop.Token));
            tasks.Add(RaiseChangesAsync());
        }
    }

    /// <summary>This node's facts: sent at once when they differ from the last published, then every interval.</summary>
    public void Publish(PeerSnapshot snapshot)
    {
        var body = PeerSnapshotCodec.Encode(snapshot);
        lock (gate)
        {
            if (published is not null && published.AsSpan().SequenceEqual(body))
                return;
            published = body;
        }
        publishSignal.Writer.TryWrite(true);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (gate)
        {
            if (stop.IsCancellationRequested)
                return;
            stop.Cancel();
            listener?.Stop();
            running = [.. tasks];
        }
        changes.Writer.TryComplete();
        try
        {
            await Task.WhenAll(running);
        }
        catch (Exception)
        {
            // Connections end by cancellation or socket errors; neither matters at shutdown.
        }
    }

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Track(Task task)
    {
        lock (gate)
        {
            tasks.RemoveAll(t => t.IsCompleted);
            tasks.Add(task);
        }
    }

    private void Reject(PeerRejectReason reason, string where)
    {
        Rejects.Count(reason);
        options.Log?.Invoke($"peer {options.PeerNode}: {where}: rejected ({reason})");
    }

    /// <summary>A valid snapshot arrived on <paramref name="connection"/>, which becomes the one inbound connection.</summary>
    private void Heard(PeerSnapshot snapshot, byte[] body, CancellationTokenSource connection)
    {
        CancellationTokenSource? older = null;
        lock (gate)
        {
            if (currentInbound != connection)
            {
                older = currentInbound;
                currentInbound = connection;
            }
            var now = time.GetUtcNow();
            var changed = !view.Reachable || heardBody is null || !heardBody.AsSpan().SequenceEqual(body);
            view = new PeerView(true, snapshot, now, view.Reachable ? view.Since : now);
            heardBody = body;
            if (changed)
                changes.Writer.TryWrite(view);
        }
        if (older is not null)
        {
            options.Log?.Invoke($"peer {options.PeerNode}: a newer inbound session replaces the older one");
            older.Cancel();
        }
    }

    private async Task WatchSilenceAsync(CancellationToken cancel)
    {
        var silence = options.EffectiveSilence;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, silence.Ticks / 10));
        try
        {
            while (true)
            {
                await Task.Delay(period, time, cancel);
                lock (gate)
                {
                    var now = time.GetUtcNow();
                    if (view.Reachable && view.LastHeard is { } heard && now - heard >= silence)
                    {
                        view = view with { Reachable = false, Since = now };
                        changes.Writer.TryWrite(view);
                        options.Log?.Invoke($"peer {options.PeerNode}: unreachable (nothing valid heard for {silence.TotalMilliseconds:0} ms)");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    private async Task RaiseChangesAsync()
    {
        await foreach (var change in changes.Reader.ReadAllAsync())
        {
            try
            {
                Changed?.Invoke(change);
            }
            catch (Exception e)
            {
                // A failing subscriber must not stop the link; it is told through the log.
                options.Log?.Invoke($"peer {options.PeerNode}: a Changed handler threw: {e.Message}");
            }
        }
    }
}
