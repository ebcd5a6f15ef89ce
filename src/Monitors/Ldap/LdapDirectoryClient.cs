using System.DirectoryServices.Protocols;
using System.Net;

namespace Failover.Monitors.Ldap;

/// <summary>The real <see cref="LdapExchange"/>: System.DirectoryServices.Protocols over libldap. Blocks,
/// possibly for longer than asked (REFERENCE §4): call it only on a thread that may be abandoned. Its
/// bind is held to the timeout by <see cref="LibLdapTimeouts"/>, so an abandoned thread does end.</summary>
internal static class LdapDirectoryClient
{
    /// <summary>Asks for no attributes at all (RFC 4511 §4.5.1.8).</summary>
    private const string NoAttributes = "1.1";

    /// <summary>libldap's own limit, a fifth inside the probe's deadline, so that against a silent server the
    /// library gives up first (and its thread ends) and the deadline stays a guard for what it cannot limit.</summary>
    private const double LibLdapShare = 0.8;

    public static LdapEntry? Exchange(LdapQuery query)
    {
        var identifier = new LdapDirectoryIdentifier(query.Server.Host, query.Server.Port);
        using var connection = LibLdapTimeouts.Create(() => query.BindDn is null
            ? new LdapConnection(identifier, null, AuthType.Anonymous)
            : new LdapConnection(identifier, new NetworkCredential(query.BindDn, query.Password), AuthType.Basic), query.Timeout * LibLdapShare);
        connection.AutoBind = false;
        var timeout = LibraryTimeout(query.Timeout);
        connection.Timeout = timeout;
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        connection.Bind();

        var request = new SearchRequest(query.BaseDn, query.Filter, SearchScope.Base, query.Attribute ?? NoAttributes)
        {
            SizeLimit = 1,
            TimeLimit = timeout,
        };
        var response = (SearchResponse)connection.SendRequest(request, timeout);
        if (response.Entries.Count == 0)
        {
            return null;
        }
        var entry = response.Entries[0];
        return new LdapEntry(entry.DistinguishedName, Values(entry, query.Attribute));
    }

    /// <summary>
    /// The probe's deadline rounded up to whole seconds, at least one. With a sub-second request timeout the library
    /// on Linux fails every request at once ("client side timeout limit was exceeded") as soon as its code runs
    /// JIT-optimised (seen with 10.0.15 against slapd). The probe's outer deadline keeps the real limit.
    /// </summary>
    internal static TimeSpan LibraryTimeout(TimeSpan deadline) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(deadline.TotalSeconds)));

    private static string[] Values(SearchResultEntry entry, string? attribute)
    {
        if (attribute is null)
        {
            return [];
        }
        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (string.Equals(name, attribute, StringComparison.OrdinalIgnoreCase))
            {
                return (string[])entry.Attributes[name].GetValues(typeof(string));
            }
        }
        return [];
    }
}
