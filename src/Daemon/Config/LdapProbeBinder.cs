using Failover.Monitors.Ldap;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>ldap: { server: ldap://10.4.0.2, base: "dc=example,dc=org" }</c>: a bind (anonymous, or simple
/// with bind_dn and password_file) and a base search, with an optional expected attribute value.
/// </summary>
internal static class LdapProbeBinder
{
    public const string Kind = "ldap";
    public static readonly string[] Keys = ["server", "bind_dn", "password_file", "base", "filter", "attribute", "value"];

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var server = map.Required("server") is { } s
            ? read.Text(s, "ldap server must be ldap://HOST[:PORT] or HOST[:PORT]", v => LdapServer.TryParse(v, out _, out _))
            : null;
        var baseDn = map.Required("base") is { } b ? read.Text(b, "ldap base must be a DN, e.g. dc=example,dc=org") : null;
        var bindDn = Optional(map, "bind_dn", "ldap bind_dn must be a DN", read, out bool bindOk);
        var passwordNode = map.Optional("password_file");
        var passwordFile = passwordNode is null ? null : read.AbsolutePath(passwordNode, "ldap password_file must be an absolute path");
        var filter = Optional(map, "filter", "ldap filter must be an LDAP filter such as (objectClass=*)", read, out bool filterOk);
        var attribute = Optional(map, "attribute", "ldap attribute must be an attribute name", read, out bool attributeOk);
        var value = Optional(map, "value", "ldap value must be a string", read, out bool valueOk);
        if (bindDn is not null && passwordNode is null)
            read.Report(map.KeyNode("bind_dn")!.Position, "ldap bind_dn needs a password_file (mode 600)");
        if ((attribute is null) != (value is null) && attributeOk && valueOk)
            read.Report(map.Position, "ldap attribute and value go together");
        if (server is null || baseDn is null || !bindOk || !filterOk || !attributeOk || !valueOk
            || (passwordNode is not null && passwordFile is null) || (bindDn is not null && passwordFile is null)
            || (attribute is null) != (value is null))
            return null;
        return new LdapProbeSpec(new LdapProbeOptions
        {
            Server = server,
            BaseDn = baseDn,
            BindDn = bindDn,
            PasswordFile = passwordFile,
            Filter = filter ?? "(objectClass=*)",
            ExpectedAttribute = attribute,
            ExpectedValue = value,
            Timeout = timeout * 0.9,
        });
    }

    private static string? Optional(KeyedMapping map, string key, string message, ValueReader read, out bool ok)
    {
        var node = map.Optional(key);
        var text = node is null ? null : read.Text(node, message);
        ok = node is null || text is not null;
        return text;
    }
}
