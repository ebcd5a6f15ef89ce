namespace Failover.Carp;

/// <summary>The CARP states, as ucarp names them.</summary>
public enum CarpState
{
    Init,
    Backup,
    Master,
}
