using System.Text.Json.Serialization;

namespace Failover.Control;

/// <summary>Source-generated JSON for the control protocol: snake_case, as scripts expect.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(ExplainReport))]
public sealed partial class ControlJson : JsonSerializerContext;
