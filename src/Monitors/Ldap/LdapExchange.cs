namespace Failover.Monitors.Ldap;

/// <summary>Binds and runs the base search, blocking; returns the entry, or null when the filter does not
/// match it. Failures are thrown (<c>LdapException</c>, <c>DirectoryOperationException</c>). The seam
/// between <see cref="LdapProbe"/>'s thread and deadline handling and the real client.</summary>
internal delegate LdapEntry? LdapExchange(LdapQuery query);
