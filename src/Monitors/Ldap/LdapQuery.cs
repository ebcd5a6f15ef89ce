namespace Failover.Monitors.Ldap;

/// <summary>One bind and base search, as an <see cref="LdapExchange"/> performs it.</summary>
/// <param name="Server">Where to connect.</param>
/// <param name="BindDn">Null for an anonymous bind.</param>
/// <param name="Password">The bind password; null for an anonymous bind.</param>
/// <param name="BaseDn">The entry to read (base scope).</param>
/// <param name="Filter">Must match the entry.</param>
/// <param name="Attribute">The one attribute to fetch, or null for none.</param>
/// <param name="Timeout">Passed to libldap as its own (unreliable) limit.</param>
internal sealed record LdapQuery(
    LdapServer Server,
    string? BindDn,
    string? Password,
    string BaseDn,
    string Filter,
    string? Attribute,
    TimeSpan Timeout);
