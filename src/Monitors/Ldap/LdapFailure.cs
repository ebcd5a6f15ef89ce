using System.DirectoryServices.Protocols;

namespace Failover.Monitors.Ldap;

/// <summary>Turns what the LDAP client threw into the reason an admin reads. Pure.</summary>
internal static class LdapFailure
{
    // Result codes of RFC 4511 §4.1.9 and the client-side ones libldap adds (ldap.h).
    public const int NoSuchObject = 32;
    public const int InappropriateAuthentication = 48;
    public const int InvalidCredentials = 49;
    public const int InsufficientAccessRights = 50;
    public const int Busy = 51;
    public const int Unavailable = 52;
    public const int UnwillingToPerform = 53;
    public const int ServerDown = 81;
    public const int LocalError = 82;
    public const int Timeout = 85;
    public const int FilterError = 87;
    public const int ConnectError = 91;

    public static string Describe(Exception error, LdapQuery query) => error switch
    {
        LdapException e => Describe(e.ErrorCode, e.Message, query),
        DirectoryOperationException { Response: { } response } e =>
            Describe((int)response.ResultCode, response.ErrorMessage is { Length: > 0 } m ? m : e.Message, query),
        DirectoryException e => $"LDAP error talking to {query.Server}: {e.Message}",
        IOException or UnauthorizedAccessException => error.Message,
        DllNotFoundException => $"cannot load libldap (install libldap-2.5-0): {error.Message}",
        _ => $"LDAP probe failed: {error.GetType().Name}: {error.Message}",
    };

    public static string Describe(int code, string message, LdapQuery query) => code switch
    {
        InvalidCredentials => $"bind refused: invalid credentials for {query.BindDn ?? "anonymous"}",
        InappropriateAuthentication => $"bind refused: inappropriate authentication for {query.BindDn ?? "anonymous"}",
        UnwillingToPerform when query.BindDn is null => $"anonymous bind refused by {query.Server}: unwilling to perform",
        UnwillingToPerform => $"{query.Server} unwilling to perform: {message}",
        ServerDown or ConnectError => $"server down: cannot connect to {query.Server}",
        Timeout => $"timed out talking to {query.Server}",
        NoSuchObject => $"no such object: {Shown(query.BaseDn)}",
        InsufficientAccessRights => $"insufficient access to {Shown(query.BaseDn)} as {query.BindDn ?? "anonymous"}",
        Busy => $"{query.Server} is busy",
        Unavailable => $"{query.Server} is unavailable",
        FilterError => $"bad search filter {query.Filter}",
        _ => $"LDAP error {code} from {query.Server}: {message}",
    };

    public static string Shown(string baseDn) => baseDn.Length == 0 ? "the RootDSE" : baseDn;
}
