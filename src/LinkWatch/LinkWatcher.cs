using System.Net.Sockets;
using Failover.LinkWatch.Linux;

namespace Failover.LinkWatch;

/// <summary>
/// Watches the carrier of a fixed set of interfaces through rtnetlink (RTMGRP_LINK): the kernel tells us
/// of every change as it happens, so nothing is polled. Each interface has its own ifplugd-style delays.
/// Up means administratively up with carrier (IFF_UP and IFF_LOWER_UP); an interface that does not exist,
/// or no longer exists under its name (deleted, renamed), is down, and one created under the name later is
/// watched again. If the socket overflows and the kernel drops notices, the watcher dumps every link afresh.
/// </summary>
/// <remarks>
/// Callbacks run on a thread-pool thread, one at a time for the whole watcher (so never concurrently for
/// one interface), in the order the changes settled, and may call back into the watcher. They must not
/// throw: an exception is unhandled on the thread pool. <see cref="IsUp"/> changes just before the
/// callbacks run; subscribe first, then read <see cref="IsUp"/>, to miss nothing.
/// </remarks>
public sealed class LinkWatcher : ILinkWatch, IAsyncDisposable
{
    private const int SocketBufferBytes = 1 << 20;
    // A dump part never exceeds 32 KiB; a datagram longer than our buffer would be cut short.
    private const int ReceiveBufferLength = 64 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, LinkDebouncer> _links = new(StringComparer.Ordinal);
    private readonly LinkNotifier _notifier = new();
    private readonly LinkTable _table;
    private readonly LinkNoticeSocket _socket;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private int _disposed;
    private int _dumps;
    private int _overflows;

    // Touched by the receive loop only.
    private bool _starting = true;
    private bool _dumpWanted = true;
    private bool _dumping;
    private bool _dumpInterrupted;
    private uint _sequence;

    private LinkWatcher(IReadOnlyDictionary<string, LinkDelays> interfaces, TimeProvider time, LinkNoticeSocket socket)
    {
        _time = time;
        _socket = socket;
        _table = new LinkTable(interfaces.Keys);
        foreach (var (name, delays) in interfaces)
        {
            _links.Add(name, new LinkDebouncer(delays, time, up => _notifier.Post(name, up)));
        }
    }

    /// <summary>How many RTM_GETLINK dumps were sent (one at start, one per overflow or interrupted dump).</summary>
    internal int Dumps => Volatile.Read(ref _dumps);

    /// <summary>How many times the kernel reported dropped notices (ENOBUFS).</summary>
    internal int Overflows => Volatile.Read(ref _overflows);

    /// <summary>
    /// Subscribes to link changes, then learns every interface's state from a dump before returning, so
    /// <see cref="IsUp"/> is right at once. The state at start counts at once, without the delays.
    /// </summary>
    /// <exception cref="SocketException">The netlink socket could not be opened or the dump failed.</exception>
    /// <exception cref="TimeoutException">The kernel did not finish the dump within 5 s.</exception>
    public static LinkWatcher Start(IReadOnlyDictionary<string, LinkDelays> interfaces, TimeProvider time) =>
        Start(interfaces, time, SocketBufferBytes);

    internal static LinkWatcher Start(IReadOnlyDictionary<string, LinkDelays> interfaces, TimeProvider time, int socketBufferBytes)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        ArgumentNullException.ThrowIfNull(time);
        var watcher = new LinkWatcher(interfaces, time, LinkNoticeSocket.Open(socketBufferBytes));
        watcher._loop = Task.Run(watcher.ReceiveLoopAsync);
        try
        {
            watcher._started.Task.WaitAsync(StartTimeout).GetAwaiter().GetResult();
        }
        catch
        {
            watcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return watcher;
    }

    /// <summary>The settled state of a watched interface.</summary>
    /// <exception cref="ArgumentException">The interface is not one this watcher was started with.</exception>
    public bool IsUp(string interfaceName) => Link(interfaceName).IsUp;

    /// <summary>Calls <paramref name="onChange"/> with the new state on every settled change, until disposed.
    /// A callback already under way when the subscription is disposed still finishes.</summary>
    /// <exception cref="ArgumentException">The interface is not one this watcher was started with.</exception>
    public IDisposable Subscribe(string interfaceName, Action<bool> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        Link(interfaceName);
        return _notifier.Subscribe(interfaceName, onChange);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stop.Cancel();
        try
        {
            // Faults only on a bug in the loop; it is rethrown here rather than lost.
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            _notifier.Close();
            foreach (var link in _links.Values)
            {
                link.Dispose();
            }
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    private LinkDebouncer Link(string interfaceName) =>
        _links.TryGetValue(interfaceName, out var link)
            ? link
            : throw new ArgumentException($"interface {interfaceName} is not watched", nameof(interfaceName));

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[ReceiveBufferLength];
        try
        {
            while (true)
            {
                try
                {
                    if (_dumpWanted && !_dumping)
                        SendDump();
                    int length = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                    Handle(LinkMessage.Parse(buffer.AsSpan(0, length), _sequence));
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
                {
                    // The kernel dropped notices; a fresh dump, after any running one, repeats what they said.
                    Interlocked.Increment(ref _overflows);
                    _dumpWanted = true;
                }
                catch (SocketException) when (!_starting)
                {
                    // Unexpected (a failed dump, a send error): a daemon must not go blind, so pause and start over.
                    _dumping = false;
                    _dumpWanted = true;
                    await Task.Delay(RetryPause, _time, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _started.TrySetCanceled();
        }
        catch (Exception e) when (_starting)
        {
            _started.TrySetException(e);
        }
    }

    private void SendDump()
    {
        _sequence = _sequence == uint.MaxValue ? 1 : _sequence + 1;
        _dumping = true;
        _dumpWanted = false;
        _dumpInterrupted = false;
        _table.BeginDump();
        _socket.SendDumpRequest(_sequence);
        Interlocked.Increment(ref _dumps);
    }

    private void Handle(LinkBatch batch)
    {
        foreach (var report in batch.Reports)
        {
            Feed(_table.Apply(report));
        }
        _dumpInterrupted |= batch.DumpInterrupted;
        switch (batch.Dump)
        {
            case DumpProgress.Failed:
                _dumping = false;
                throw new SocketException(batch.DumpError);
            case DumpProgress.Done:
                Feed(_table.EndDump());
                _dumping = false;
                _dumpWanted |= _dumpInterrupted;
                if (_starting && !_dumpWanted)
                {
                    _starting = false;
                    _started.TrySetResult();
                }
                break;
        }
    }

    private void Feed(IReadOnlyList<LinkState> states)
    {
        foreach (var state in states)
        {
            var link = _links[state.Name];
            if (_starting)
                link.Settle(state.Up);
            else
                link.Report(state.Up);
        }
    }
}
