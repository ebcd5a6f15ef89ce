using Failover.Peer.Wire;

namespace Failover.Peer.Transport;

/// <summary>Reads whole frames off a TCP stream: the header first, so a foreign or oversize frame is refused before its body is read.</summary>
internal static class PeerFrameStream
{
    /// <summary>The frame's bytes; null at end of stream. A bad header gives its reason and no bytes.</summary>
    public static async Task<(byte[]? Frame, PeerRejectReason Reject)> ReadAsync(Stream stream, int maxFrameSize, CancellationToken cancel)
    {
        var header = new byte[PeerFrameCodec.HeaderSize];
        var got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancel);
        if (got == 0)
            return (null, PeerRejectReason.None);
        if (got < header.Length)
            return (null, PeerRejectReason.Truncated);
        var reject = PeerFrameCodec.Measure(header, maxFrameSize, out var size);
        if (reject != PeerRejectReason.None)
            return (null, reject);
        var frame = new byte[size];
        header.CopyTo(frame, 0);
        got = await stream.ReadAtLeastAsync(frame.AsMemory(header.Length), size - header.Length, throwOnEndOfStream: false, cancel);
        return got < size - header.Length ? (null, PeerRejectReason.Truncated) : (frame, PeerRejectReason.None);
    }
}
