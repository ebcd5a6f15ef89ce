using System.Buffers.Binary;

namespace Failover.Monitors.Tests.Samba;

/// <summary>SMB2 replies built by hand from MS-SMB2 2.2.1.2 (sync header), 2.2.4 (NEGOTIATE response)
/// and 2.2.2 (ERROR response), each offset written out rather than shared with the codec under test.</summary>
internal static class Smb2Reply
{
    public static readonly Guid ServerGuid = new("6b1f2a3c-0d4e-4f50-8a61-72839405a6b7");

    /// <summary>A NEGOTIATE response as smbd sends it: signing enabled, a 74-byte SPNEGO-looking blob.</summary>
    public static byte[] Negotiate(ushort dialect, ushort structureSize = 65, uint status = 0)
    {
        var blob = new byte[74];
        blob[0] = 0x60; // ASN.1 [APPLICATION 0], as a GSS-API token starts
        blob[1] = 72;
        var message = new byte[64 + 64 + blob.Length];
        Header(message, status);
        var body = message.AsSpan(64);
        BinaryPrimitives.WriteUInt16LittleEndian(body[0..], structureSize);
        BinaryPrimitives.WriteUInt16LittleEndian(body[2..], 0x0001); // SecurityMode: signing enabled
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], dialect);
        BinaryPrimitives.WriteUInt16LittleEndian(body[6..], 0); // NegotiateContextCount/Reserved
        ServerGuid.TryWriteBytes(body[8..24]);
        BinaryPrimitives.WriteUInt32LittleEndian(body[24..], 0x0000002F); // Capabilities: DFS, LEASING, LARGE_MTU, MULTI_CHANNEL, DIRECTORY_LEASING
        BinaryPrimitives.WriteUInt32LittleEndian(body[28..], 8388608); // MaxTransactSize
        BinaryPrimitives.WriteUInt32LittleEndian(body[32..], 8388608); // MaxReadSize
        BinaryPrimitives.WriteUInt32LittleEndian(body[36..], 8388608); // MaxWriteSize
        BinaryPrimitives.WriteUInt64LittleEndian(body[40..], 0x01DB3C5A12345678); // SystemTime (FILETIME)
        BinaryPrimitives.WriteUInt64LittleEndian(body[48..], 0); // ServerStartTime
        BinaryPrimitives.WriteUInt16LittleEndian(body[56..], 128); // SecurityBufferOffset, from the header's start
        BinaryPrimitives.WriteUInt16LittleEndian(body[58..], (ushort)blob.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body[60..], 0); // NegotiateContextOffset/Reserved2
        blob.CopyTo(body[64..]);
        return message;
    }

    /// <summary>An ERROR response (StructureSize 9, ByteCount 0, one ErrorData byte) with <paramref name="status"/>.</summary>
    public static byte[] Error(uint status)
    {
        var message = new byte[64 + 9];
        Header(message, status);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(64), 9);
        return message;
    }

    /// <summary>Direct TCP framing: 0x00 and a 3-byte big-endian length.</summary>
    public static byte[] Framed(byte[] message) =>
        [0, (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];

    private static void Header(byte[] message, uint status)
    {
        var h = message.AsSpan();
        h[0] = 0xFE; h[1] = (byte)'S'; h[2] = (byte)'M'; h[3] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 64); // StructureSize
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 1); // CreditCharge
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], status);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], 0); // Command NEGOTIATE
        BinaryPrimitives.WriteUInt16LittleEndian(h[14..], 1); // CreditResponse
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 1); // Flags: SERVER_TO_REDIR
        // NextCommand 0, MessageId 0 (echoes ours), ProcessId 0xFEFF, TreeId 0, SessionId 0, Signature 0.
        BinaryPrimitives.WriteUInt32LittleEndian(h[32..], 0xFEFF);
    }
}
