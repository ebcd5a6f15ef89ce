using Xunit;

namespace Failover.Monitors.Tests.Ldap;

/// <summary>A fact that needs a real slapd: skips, saying why, where slapd, ldapadd or libldap are missing
/// (apt packages slapd, ldap-utils, libldap-2.5-0).</summary>
public sealed class SlapdFactAttribute : FactAttribute
{
    public SlapdFactAttribute()
    {
        if (SlapdServer.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
