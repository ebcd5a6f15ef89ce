using System.Buffers.Binary;
using System.Net.Sockets;

namespace Failover.Linux;

/// <summary>
/// A request/acknowledge rtnetlink socket. Used rather than spawning iproute2: an address change
/// costs a few microseconds instead of a fork+exec (milliseconds, and it can fail when the process
/// table or memory is exhausted — exactly when a takeover must still work).
/// </summary>
public sealed class NetlinkRouteSocket : IDisposable
{
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;

    private readonly Socket _socket;
    private readonly byte[] _reply = new byte[8192];
    private uint _sequence = (uint)Environment.TickCount;

    public NetlinkRouteSocket()
    {
        _socket = LinuxSockets.OpenNetlinkRoute();
    }

    /// <summary>Sends one request and returns the kernel's errno (0 = success).</summary>
    public int Request(Span<byte> message)
    {
        uint sequence = ++_sequence;
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], sequence);
        _socket.Send(message);
        while (true)
        {
            int length = _socket.Receive(_reply);
            for (int offset = 0; offset + 16 <= length;)
            {
                var span = _reply.AsSpan(offset, length - offset);
                uint messageLength = BinaryPrimitives.ReadUInt32LittleEndian(span);
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
                uint messageSequence = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                if (messageLength < 16 || messageLength > span.Length)
                    break;
                if (type == NLMSG_ERROR && messageSequence == sequence)
                    return -BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
                offset += (int)((messageLength + 3) & ~3u);
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
