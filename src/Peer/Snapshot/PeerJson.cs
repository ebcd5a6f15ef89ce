using System.Text.Json.Serialization;

namespace Failover.Peer.Snapshot;

/// <summary>Source-generated JSON for snapshots: snake_case like the control protocol.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PeerSnapshot))]
public sealed partial class PeerJson : JsonSerializerContext;
