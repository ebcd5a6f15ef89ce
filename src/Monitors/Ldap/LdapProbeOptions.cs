namespace Failover.Monitors.Ldap;

/// <summary>What an <see cref="LdapProbe"/> binds as, what it searches for and what it accepts as healthy
/// (REFERENCE §4). The search is always a base-scope search of <see cref="BaseDn"/>: one entry, cheap for
/// the server, and it proves the database behind the suffix answers.</summary>
public sealed record LdapProbeOptions
{
    /// <summary>"ldap://host[:port]" or "host[:port]"; the port defaults to 389. ldaps is not supported.</summary>
    public required string Server { get; init; }

    /// <summary>The DN to bind as with a simple bind; null binds anonymously.</summary>
    public string? BindDn { get; init; }

    /// <summary>The bind password inline. Prefer <see cref="PasswordFile"/>, which keeps the secret out of
    /// the configuration and is read afresh on every run (rotation needs no restart).</summary>
    public string? Password { get; init; }

    /// <summary>A file whose content (without a trailing newline) is the bind password.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>The entry to read, e.g. "dc=example,dc=test"; empty reads the RootDSE.</summary>
    public required string BaseDn { get; init; }

    public string Filter { get; init; } = "(objectClass=*)";

    /// <summary>If set, the entry must carry this attribute.</summary>
    public string? ExpectedAttribute { get; init; }

    /// <summary>If set, one of <see cref="ExpectedAttribute"/>'s values must equal this one (ordinal).</summary>
    public string? ExpectedValue { get; init; }

    /// <summary>The outer deadline of bind and search together. libldap's own timeouts are unreliable
    /// (REFERENCE §4), so a run that misses it is abandoned on its thread and counted as down.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Every problem with these options, not just the first; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!LdapServer.TryParse(Server, out _, out var serverError))
        {
            errors.Add(serverError);
        }
        if (BaseDn is null)
        {
            errors.Add("base DN is missing (use \"\" for the RootDSE)");
        }
        if (string.IsNullOrWhiteSpace(Filter) || !Filter.StartsWith('(') || !Filter.EndsWith(')'))
        {
            errors.Add($"filter \"{Filter}\" is not a parenthesised LDAP filter");
        }
        if (BindDn is null)
        {
            if (Password is not null || PasswordFile is not null)
            {
                errors.Add("a password is set but no bind DN: set the bind DN, or drop the password for an anonymous bind");
            }
        }
        else if (string.IsNullOrWhiteSpace(BindDn))
        {
            errors.Add("bind DN is empty: leave it unset for an anonymous bind");
        }
        else if (Password is not null && PasswordFile is not null)
        {
            errors.Add("both a password and a password file are set: use one");
        }
        else if (Password is null && PasswordFile is null)
        {
            errors.Add($"bind DN {BindDn} has no password or password file");
        }
        else if (Password is { Length: 0 })
        {
            // libldap treats DN + empty password as an unauthenticated (anonymous) bind: it would prove nothing.
            errors.Add("the password is empty, which LDAP treats as an anonymous bind");
        }
        else if (PasswordFile is { } file && string.IsNullOrWhiteSpace(file))
        {
            errors.Add("the password file path is empty");
        }
        if (ExpectedValue is not null && string.IsNullOrEmpty(ExpectedAttribute))
        {
            errors.Add("an expected value is set but no expected attribute");
        }
        if (ExpectedAttribute is { } attribute && (attribute.Length == 0 || attribute.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ';'))))
        {
            errors.Add($"expected attribute \"{attribute}\" is not an attribute name");
        }
        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("timeout must be positive");
        }
        return errors;
    }
}
