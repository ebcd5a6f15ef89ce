using System.Buffers.Binary;
using System.Net;
using Failover.Linux;

namespace Failover.Carp.Transport;

/// <summary>
/// Adds and removes the VIPs of a group on its interface through rtnetlink (RTM_NEWADDR/RTM_DELADDR).
/// Both operations are idempotent: adding a present address or removing an absent one succeeds.
/// </summary>
public sealed class InterfaceAddresses : IDisposable
{
    private const ushort RTM_NEWADDR = 20;
    private const ushort RTM_DELADDR = 21;
    private const ushort IFA_ADDRESS = 1;
    private const ushort IFA_LOCAL = 2;
    private const int EEXIST = 17;
    private const int EADDRNOTAVAIL = 99;
    private const int MessageSize = 16 + 8 + 8 + 8;
    private const byte AF_INET = 2;

    private readonly NetlinkRouteSocket _netlink = new();
    private readonly object _gate = new();

    public void Add(int interfaceIndex, IPAddress address, int prefixLength)
    {
        int error = Send(RTM_NEWADDR, NetlinkRouteSocket.NLM_F_CREATE | NetlinkRouteSocket.NLM_F_EXCL, interfaceIndex, address, prefixLength);
        if (error != 0 && error != EEXIST)
            throw new IOException($"cannot add {address}/{prefixLength} to interface #{interfaceIndex}: {new System.ComponentModel.Win32Exception(error).Message}");
    }

    public void Remove(int interfaceIndex, IPAddress address, int prefixLength)
    {
        int error = Send(RTM_DELADDR, 0, interfaceIndex, address, prefixLength);
        if (error != 0 && error != EADDRNOTAVAIL)
            throw new IOException($"cannot remove {address}/{prefixLength} from interface #{interfaceIndex}: {new System.ComponentModel.Win32Exception(error).Message}");
    }

    private int Send(ushort type, ushort extraFlags, int interfaceIndex, IPAddress address, int prefixLength)
    {
        Span<byte> message = stackalloc byte[MessageSize];
        message.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(message, MessageSize);
        BinaryPrimitives.WriteUInt16LittleEndian(message[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(message[6..],
            (ushort)(NetlinkRouteSocket.NLM_F_REQUEST | NetlinkRouteSocket.NLM_F_ACK | extraFlags));
        // struct ifaddrmsg: family, prefixlen, flags, scope (universe), index
        message[16] = AF_INET;
        message[17] = (byte)prefixLength;
        BinaryPrimitives.WriteInt32LittleEndian(message[20..], interfaceIndex);
        WriteAddressAttribute(message[24..], IFA_LOCAL, address);
        WriteAddressAttribute(message[32..], IFA_ADDRESS, address);
        lock (_gate)
            return _netlink.Request(message);
    }

    private static void WriteAddressAttribute(Span<byte> destination, ushort type, IPAddress address)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], type);
        address.TryWriteBytes(destination[4..8], out _);
    }

    public void Dispose() => _netlink.Dispose();
}
