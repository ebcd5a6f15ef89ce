using System.Buffers.Binary;

namespace Failover.Monitors.Samba;

/// <summary>
/// The SMB2 NEGOTIATE exchange as bytes (MS-SMB2 2.2.3 request, 2.2.4 response), behind Direct TCP
/// framing (MS-SMB2 2.1: a zero byte and a 3-byte big-endian length). Pure: no sockets, never throws on
/// input from the wire.
/// </summary>
public static class Smb2Negotiate
{
    /// <summary>The Direct TCP transport header in front of every SMB2 message.</summary>
    public const int FrameHeaderLength = 4;

    public const int HeaderLength = 64;

    /// <summary>The fixed part of the request body; the dialect array follows it.</summary>
    private const int RequestBodyFixedLength = 36;

    /// <summary>Frame header, SMB2 header, fixed body, four dialects: 4 + 64 + 36 + 8.</summary>
    public const int RequestLength = FrameHeaderLength + HeaderLength + RequestBodyFixedLength + 2 * 4;

    private const int ResponseBodyFixedLength = 64;
    private const ushort NegotiateCommand = 0;
    private const uint ServerToRedirFlag = 0x1;
    private const ushort SigningEnabled = 0x1;

    /// <summary>Writes a framed NEGOTIATE offering <see cref="Smb2Dialect.Offered"/> with a fresh client GUID.</summary>
    public static int Write(Span<byte> destination) => Write(destination, Guid.NewGuid());

    /// <summary>Writes a framed NEGOTIATE request (MessageId 0, one credit asked, signing enabled but not
    /// required, no capabilities) and returns its length, <see cref="RequestLength"/>.</summary>
    public static int Write(Span<byte> destination, Guid clientGuid)
    {
        if (destination.Length < RequestLength)
        {
            throw new ArgumentException($"needs {RequestLength} bytes", nameof(destination));
        }
        var message = destination[..RequestLength];
        message.Clear();
        // Direct TCP: type 0, then the SMB2 message length in 3 bytes, big-endian.
        var length = RequestLength - FrameHeaderLength;
        message[1] = (byte)(length >> 16);
        message[2] = (byte)(length >> 8);
        message[3] = (byte)length;

        var header = message.Slice(FrameHeaderLength, HeaderLength);
        header[0] = 0xFE;
        header[1] = (byte)'S';
        header[2] = (byte)'M';
        header[3] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], HeaderLength); // StructureSize
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], NegotiateCommand);
        BinaryPrimitives.WriteUInt16LittleEndian(header[14..], 1); // CreditRequest
        // CreditCharge, Status, Flags, NextCommand, MessageId, ProcessId, TreeId, SessionId, Signature: 0.

        var body = message[(FrameHeaderLength + HeaderLength)..];
        BinaryPrimitives.WriteUInt16LittleEndian(body, RequestBodyFixedLength); // StructureSize
        BinaryPrimitives.WriteUInt16LittleEndian(body[2..], (ushort)Smb2Dialect.Offered.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], SigningEnabled);
        // Reserved (2), Capabilities (4): 0.
        clientGuid.TryWriteBytes(body[12..28]);
        // ClientStartTime (8) before 3.1.1: 0.
        var dialects = body[RequestBodyFixedLength..];
        for (var i = 0; i < Smb2Dialect.Offered.Count; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(dialects[(2 * i)..], Smb2Dialect.Offered[i]);
        }
        return RequestLength;
    }

    /// <summary>Reads the Direct TCP header: the length of the SMB2 message that follows.</summary>
    public static bool TryReadFrameLength(ReadOnlySpan<byte> frameHeader, out int length, out string error)
    {
        length = 0;
        if (frameHeader.Length < FrameHeaderLength)
        {
            error = $"frame header of {frameHeader.Length} bytes, need {FrameHeaderLength}";
            return false;
        }
        if (frameHeader[0] != 0)
        {
            error = $"frame type 0x{frameHeader[0]:X2}, expected 0x00 (session message)";
            return false;
        }
        length = frameHeader[1] << 16 | frameHeader[2] << 8 | frameHeader[3];
        error = "";
        return true;
    }

    /// <summary>Parses one SMB2 message (without its frame header) as the reply to our NEGOTIATE. False
    /// with a reason when it is not an SMB2 NEGOTIATE reply at all; a reply with an error status or an
    /// unexpected body parses, and the caller judges it.</summary>
    public static bool TryParseResponse(ReadOnlySpan<byte> message, out Smb2NegotiateResponse response, out string error)
    {
        response = default;
        if (message.Length >= 4 && message[0] == 0xFF && message[1] == 'S' && message[2] == 'M' && message[3] == 'B')
        {
            error = "an SMB1 reply (the server does not speak SMB2)";
            return false;
        }
        if (message.Length < 4 || message[0] != 0xFE || message[1] != 'S' || message[2] != 'M' || message[3] != 'B')
        {
            error = "no SMB2 protocol id (FE 'S' 'M' 'B')";
            return false;
        }
        if (message.Length < HeaderLength)
        {
            error = $"{message.Length} bytes, shorter than an SMB2 header";
            return false;
        }
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(message[4..]);
        if (headerSize != HeaderLength)
        {
            error = $"header StructureSize {headerSize}, expected {HeaderLength}";
            return false;
        }
        var command = BinaryPrimitives.ReadUInt16LittleEndian(message[12..]);
        if (command != NegotiateCommand)
        {
            error = $"command 0x{command:X4}, expected NEGOTIATE";
            return false;
        }
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(message[16..]);
        if ((flags & ServerToRedirFlag) == 0)
        {
            error = "a request, not a response (SERVER_TO_REDIR flag clear)";
            return false;
        }
        var status = BinaryPrimitives.ReadUInt32LittleEndian(message[8..]);
        var body = message[HeaderLength..];
        if (body.Length < 2)
        {
            error = "no body after the SMB2 header";
            return false;
        }
        var bodySize = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (status != NtStatus.Success || bodySize != ResponseBodyFixedLength + 1)
        {
            response = new Smb2NegotiateResponse(status, bodySize, 0, 0, Guid.Empty, 0, 0, 0, 0);
            error = "";
            return true;
        }
        if (body.Length < ResponseBodyFixedLength)
        {
            error = $"NEGOTIATE response body of {body.Length} bytes, need {ResponseBodyFixedLength}";
            return false;
        }
        response = new Smb2NegotiateResponse(
            status,
            bodySize,
            DialectRevision: BinaryPrimitives.ReadUInt16LittleEndian(body[4..]),
            SecurityMode: BinaryPrimitives.ReadUInt16LittleEndian(body[2..]),
            ServerGuid: new Guid(body[8..24]),
            Capabilities: BinaryPrimitives.ReadUInt32LittleEndian(body[24..]),
            MaxTransactSize: BinaryPrimitives.ReadUInt32LittleEndian(body[28..]),
            MaxReadSize: BinaryPrimitives.ReadUInt32LittleEndian(body[32..]),
            MaxWriteSize: BinaryPrimitives.ReadUInt32LittleEndian(body[36..]));
        error = "";
        return true;
    }
}
