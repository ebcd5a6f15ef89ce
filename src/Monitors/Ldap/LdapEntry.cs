namespace Failover.Monitors.Ldap;

/// <summary>The entry a base search found.</summary>
/// <param name="Dn">Its distinguished name as the server returned it.</param>
/// <param name="Values">The values of the requested attribute; empty if it has none or none was requested.</param>
internal sealed record LdapEntry(string Dn, IReadOnlyList<string> Values);
