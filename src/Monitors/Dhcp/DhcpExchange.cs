using System.Net;

namespace Failover.Monitors.Dhcp;

/// <summary>
/// One probe run on a <see cref="DhcpPort"/>: its xid, the first reply that carries it, and how many
/// datagrams that belonged to nobody arrived meanwhile (shown in the reason if no reply comes).
/// </summary>
internal sealed class DhcpExchange : IDisposable
{
    private readonly DhcpPort _port;
    private readonly TaskCompletionSource<(byte[] Message, IPAddress From)> _reply =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _otherXid;
    private int _unreadable;

    public DhcpExchange(DhcpPort port, uint xid)
    {
        _port = port;
        Xid = xid;
    }

    public uint Xid { get; }

    /// <summary>DHCP replies with an xid of no run in flight.</summary>
    public int OtherXid => Volatile.Read(ref _otherXid);

    /// <summary>Datagrams that are not a DHCP reply.</summary>
    public int Unreadable => Volatile.Read(ref _unreadable);

    public async Task SendAsync(ReadOnlyMemory<byte> message, IPEndPoint server, CancellationToken token)
    {
        try
        {
            await _port.SendAsync(message, server, token).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (_reply.Task.IsFaulted)
        {
            await _reply.Task.ConfigureAwait(false); // the port failed under us: its socket error is ours
        }
    }

    /// <summary>The first reply with our xid; throws the socket's error if the port failed meanwhile.</summary>
    public Task<(byte[] Message, IPAddress From)> ReplyAsync(CancellationToken token) => _reply.Task.WaitAsync(token);

    public void Deliver(byte[] message, IPAddress from) => _reply.TrySetResult((message, from));

    public void Fail(Exception error) => _reply.TrySetException(error);

    public void CountIgnored(bool isReply)
    {
        if (isReply)
        {
            Interlocked.Increment(ref _otherXid);
        }
        else
        {
            Interlocked.Increment(ref _unreadable);
        }
    }

    public void Dispose() => _port.Leave(this);
}
