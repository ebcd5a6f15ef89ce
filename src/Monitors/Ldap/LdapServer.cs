namespace Failover.Monitors.Ldap;

/// <summary>An LDAP server's address, as reasons print it: "ldap://127.0.0.1:389".</summary>
public sealed record LdapServer(string Host, int Port)
{
    public const int DefaultPort = 389;

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"ldap://[{Host}]:{Port}" : $"ldap://{Host}:{Port}";

    /// <summary>Reads "ldap://host[:port]", "host[:port]" or "[v6]:port".</summary>
    public static bool TryParse(string? text, out LdapServer server, out string error)
    {
        server = new LdapServer("", DefaultPort);
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "server is missing";
            return false;
        }
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "ldap://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.IdnHost))
        {
            error = $"server \"{text}\" is not ldap://host[:port] or host[:port]";
            return false;
        }
        if (uri.Scheme != "ldap")
        {
            error = $"server \"{text}\": only ldap:// is supported, not {uri.Scheme}://";
            return false;
        }
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"server \"{text}\" has more than host and port (put the base DN and filter in their own options)";
            return false;
        }
        server = new LdapServer(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
        error = "";
        return true;
    }
}
