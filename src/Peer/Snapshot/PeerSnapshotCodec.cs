using System.Text.Json;

namespace Failover.Peer.Snapshot;

/// <summary>Snapshot ⇄ UTF-8 JSON body of a Snapshot frame.</summary>
public static class PeerSnapshotCodec
{
    public static byte[] Encode(PeerSnapshot snapshot) =>
        JsonSerializer.SerializeToUtf8Bytes(snapshot, PeerJson.Default.PeerSnapshot);

    /// <summary>Null for anything that is not a snapshot (bad JSON, missing required members, wrong shapes).</summary>
    public static PeerSnapshot? TryDecode(ReadOnlySpan<byte> body)
    {
        try
        {
            var snapshot = JsonSerializer.Deserialize(body, PeerJson.Default.PeerSnapshot);
            // JSON null inside lists or for non-nullable strings still deserialises; refuse it here.
            return snapshot is not null && IsComplete(snapshot) ? snapshot : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Complete(IReadOnlyList<PeerProbeSnapshot>? probes) =>
        probes is not null && probes.All(p => p is not null && p.Name is not null && p.Kind is not null && p.Health is not null);

    private static bool IsComplete(PeerSnapshot s) =>
        s.Node is not null && s.Version is not null && s.Groups is not null &&
        s.Groups.All(g => g is not null && g.Name is not null && g.State is not null && g.Preference is not null &&
            Complete(g.Probes) && (g.AboutYou is null || Complete(g.AboutYou)) &&
            g.Drbd is not null && g.Drbd.All(d => d is not null && d.Name is not null && d.ConnectionState is not null &&
                d.LocalRole is not null && d.PeerRole is not null && d.LocalDisk is not null && d.PeerDisk is not null));
}
