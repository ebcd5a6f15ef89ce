namespace Failover.Rules.Language;

/// <summary>
/// Three-valued (Kleene) logic: a fact that is not known (the peer's, before the peers talk; a resync percentage
/// with no resync) makes a comparison Unknown, and Unknown stays Unknown through <c>not</c>. A rule fires only on
/// True, so an unknown fact can never fire one, however it is negated.
/// </summary>
public enum Truth
{
    False,
    Unknown,
    True,
}
