using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Failover.Monitors.Dhcp;

/// <summary>
/// A DHCPv4 message (RFC 2131 §2) as far as a health probe needs it: the fixed fields, option 53
/// (message type), option 54 (server identifier) and the raw options. Writes the two requests a probe
/// sends (a relayed DHCPDISCOVER, a DHCPINFORM) and parses any reply.
/// </summary>
/// <param name="Op">1 BOOTREQUEST, 2 BOOTREPLY.</param>
/// <param name="Hops">Relay hops.</param>
/// <param name="TransactionId">xid: the client's random number, echoed by the server.</param>
/// <param name="Flags">Bit 15 is the broadcast flag.</param>
/// <param name="ClientAddress">ciaddr.</param>
/// <param name="YourAddress">yiaddr: the address offered or assigned.</param>
/// <param name="ServerAddress">siaddr: next server (TFTP), not the server identifier.</param>
/// <param name="RelayAddress">giaddr.</param>
/// <param name="ClientHardwareAddress">chaddr, the first hlen bytes (at most 16).</param>
/// <param name="MessageType">Option 53; null for plain BOOTP or a malformed option.</param>
/// <param name="ServerIdentifier">Option 54; null when absent or not 4 bytes.</param>
/// <param name="Options">Every option in the options field, first occurrence wins. Option overload (52)
/// is not followed: options in sname/file are not read.</param>
public sealed record DhcpMessage(
    byte Op,
    byte Hops,
    uint TransactionId,
    ushort Flags,
    IPAddress ClientAddress,
    IPAddress YourAddress,
    IPAddress ServerAddress,
    IPAddress RelayAddress,
    byte[] ClientHardwareAddress,
    DhcpMessageType? MessageType,
    IPAddress? ServerIdentifier,
    IReadOnlyDictionary<byte, byte[]> Options)
{
    /// <summary>Room enough for any request this writes.</summary>
    public const int MaxRequestLength = DhcpWire.MinimumLength;

    /// <summary>Options 1 subnet mask, 3 router, 6 DNS servers, 51 lease time, 54 server identifier.</summary>
    private static ReadOnlySpan<byte> ParameterRequests =>
    [
        DhcpWire.OptionSubnetMask, DhcpWire.OptionRouter, DhcpWire.OptionDomainServer,
        DhcpWire.OptionLeaseTime, DhcpWire.OptionServerIdentifier,
    ];

    /// <summary>
    /// Writes a DHCPDISCOVER as a relay agent forwards it: giaddr = <paramref name="relayAddress"/>, so the
    /// server unicasts its DHCPOFFER to giaddr port 67. A DISCOVER commits no lease on the server (only a
    /// DHCPREQUEST does), so probing with it leaves the pool as it was. Returns the length (300 bytes,
    /// the RFC 1542 minimum, zero-padded).
    /// </summary>
    /// <exception cref="ArgumentException">Not an IPv4 address, a hardware address of 1–16 bytes, or room
    /// for <see cref="MaxRequestLength"/> bytes.</exception>
    public static int WriteDiscover(Span<byte> destination, uint transactionId, ReadOnlySpan<byte> clientHardwareAddress,
        IPAddress relayAddress, byte hops = 1) =>
        WriteRequest(destination, DhcpMessageType.Discover, transactionId, clientHardwareAddress, hops,
            IPAddress.Any, relayAddress);

    /// <summary>
    /// Writes a DHCPINFORM from a client that already has <paramref name="clientAddress"/> (ciaddr): the
    /// server answers with a DHCPACK to ciaddr port 68 and assigns nothing. ISC dhcpd answers only where it is
    /// <c>authoritative</c>. Returns the length.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="WriteDiscover"/>.</exception>
    public static int WriteInform(Span<byte> destination, uint transactionId, ReadOnlySpan<byte> clientHardwareAddress,
        IPAddress clientAddress) =>
        WriteRequest(destination, DhcpMessageType.Inform, transactionId, clientHardwareAddress, 0,
            clientAddress, IPAddress.Any);

    /// <summary>Parses any DHCP message. Never throws: malformed input gives false and a reason.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out DhcpMessage parsed, out string error)
    {
        parsed = null!;
        if (message.Length < DhcpWire.OptionsOffset)
        {
            error = $"{message.Length} bytes, shorter than a DHCP header with magic cookie ({DhcpWire.OptionsOffset})";
            return false;
        }
        if (!message.Slice(DhcpWire.FixedLength, 4).SequenceEqual(DhcpWire.MagicCookie))
        {
            error = $"no DHCP magic cookie (found {Convert.ToHexString(message.Slice(DhcpWire.FixedLength, 4))})";
            return false;
        }
        if (!TryReadOptions(message[DhcpWire.OptionsOffset..], out var options, out error))
        {
            return false;
        }

        DhcpMessageType? type = options.TryGetValue(DhcpWire.OptionMessageType, out var t) && t.Length == 1
            ? (DhcpMessageType)t[0]
            : null;
        IPAddress? serverId = options.TryGetValue(DhcpWire.OptionServerIdentifier, out var s) && s.Length == 4
            ? new IPAddress(s)
            : null;
        var hardwareLength = Math.Min((int)message[2], DhcpWire.ChaddrLength);
        parsed = new DhcpMessage(
            message[0], message[3], BinaryPrimitives.ReadUInt32BigEndian(message[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[10..]),
            new IPAddress(message.Slice(12, 4)), new IPAddress(message.Slice(16, 4)),
            new IPAddress(message.Slice(20, 4)), new IPAddress(message.Slice(24, 4)),
            message.Slice(DhcpWire.ChaddrOffset, hardwareLength).ToArray(), type, serverId, options);
        error = "";
        return true;
    }

    /// <summary>Reads just op and xid of something that may not parse, to tell strays from replies to us.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> message, out byte op, out uint transactionId)
    {
        var ok = message.Length >= 8;
        op = ok ? message[0] : (byte)0;
        transactionId = ok ? BinaryPrimitives.ReadUInt32BigEndian(message[4..]) : 0;
        return ok;
    }

    private static bool TryReadOptions(ReadOnlySpan<byte> field, out Dictionary<byte, byte[]> options, out string error)
    {
        options = [];
        var offset = 0;
        // A missing end option (255) is tolerated: the field simply ends.
        while (offset < field.Length)
        {
            var code = field[offset++];
            if (code == DhcpWire.OptionEnd)
            {
                break;
            }
            if (code == DhcpWire.OptionPad)
            {
                continue;
            }
            if (offset >= field.Length)
            {
                error = $"option {code} has no length byte";
                return false;
            }
            var length = field[offset++];
            if (offset + length > field.Length)
            {
                error = $"option {code} of {length} bytes runs past the end";
                return false;
            }
            options.TryAdd(code, field.Slice(offset, length).ToArray());
            offset += length;
        }
        error = "";
        return true;
    }

    private static int WriteRequest(Span<byte> destination, DhcpMessageType type, uint transactionId,
        ReadOnlySpan<byte> clientHardwareAddress, byte hops, IPAddress clientAddress, IPAddress relayAddress)
    {
        if (clientHardwareAddress.Length is 0 or > DhcpWire.ChaddrLength)
        {
            throw new ArgumentException($"a hardware address has 1 to 16 bytes, not {clientHardwareAddress.Length}",
                nameof(clientHardwareAddress));
        }
        RequireIPv4(clientAddress, nameof(clientAddress));
        RequireIPv4(relayAddress, nameof(relayAddress));
        if (destination.Length < MaxRequestLength)
        {
            throw new ArgumentException($"need {MaxRequestLength} bytes, have {destination.Length}", nameof(destination));
        }

        var message = destination[..MaxRequestLength];
        message.Clear(); // secs, flags, yiaddr, siaddr, sname, file and the padding stay zero
        message[0] = DhcpWire.OpRequest;
        message[1] = DhcpWire.HardwareTypeEthernet;
        message[2] = (byte)clientHardwareAddress.Length;
        message[3] = hops;
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], transactionId);
        clientAddress.TryWriteBytes(message.Slice(12, 4), out _);
        relayAddress.TryWriteBytes(message.Slice(24, 4), out _);
        clientHardwareAddress.CopyTo(message[DhcpWire.ChaddrOffset..]);
        DhcpWire.MagicCookie.CopyTo(message[DhcpWire.FixedLength..]);

        var offset = DhcpWire.OptionsOffset;
        message[offset++] = DhcpWire.OptionMessageType;
        message[offset++] = 1;
        message[offset++] = (byte)type;
        // Client identifier: hardware type then address, as most clients send it (RFC 2132 §9.14).
        message[offset++] = DhcpWire.OptionClientIdentifier;
        message[offset++] = (byte)(clientHardwareAddress.Length + 1);
        message[offset++] = DhcpWire.HardwareTypeEthernet;
        clientHardwareAddress.CopyTo(message[offset..]);
        offset += clientHardwareAddress.Length;
        message[offset++] = DhcpWire.OptionParameterRequestList;
        message[offset++] = (byte)ParameterRequests.Length;
        ParameterRequests.CopyTo(message[offset..]);
        offset += ParameterRequests.Length;
        message[offset] = DhcpWire.OptionEnd;
        return MaxRequestLength;
    }

    private static void RequireIPv4(IPAddress address, string name)
    {
        ArgumentNullException.ThrowIfNull(address, name);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", name);
        }
    }
}
