namespace Failover.Monitors.Drbd;

/// <summary>One parsed <c>drbdsetup events2</c> line: <c>[TIMESTAMP ]VERB OBJECT key:value…</c>.</summary>
/// <param name="Timestamp">Present when drbdsetup ran with <c>--timestamps</c>.</param>
/// <param name="Object">As printed: resource, device, connection, peer-device, path, helper, or "-" in
/// <c>exists -</c>. Kept as text so that objects of later DRBD releases pass through.</param>
/// <param name="Fields">The key:value pairs; a value may itself contain ':' (<c>local:ipv4:1.2.3.4:7789</c>).</param>
public sealed record DrbdEvent(
    DateTimeOffset? Timestamp,
    DrbdEventVerb Verb,
    string Object,
    IReadOnlyDictionary<string, string> Fields)
{
    /// <summary><c>exists -</c>: the initial dump is complete and live events follow.</summary>
    public bool IsEndOfInitialDump => Verb == DrbdEventVerb.Exists && Object == "-";

    public string? this[string key] => Fields.TryGetValue(key, out var value) ? value : null;
}
