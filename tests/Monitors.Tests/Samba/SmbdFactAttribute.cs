using Failover.Lab.Tests.Harness;

namespace Failover.Monitors.Tests.Samba;

/// <summary>A fact that needs a real smbd: root (smbd switches to the logged-on user) and the samba and
/// smbclient packages; skipped, saying why, otherwise.</summary>
internal sealed class SmbdFactAttribute : FactAttribute
{
    public SmbdFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: smbd runs as root to become the logged-on user";
        else if (SmbdFiles.MissingReason() is { } reason)
            Skip = reason;
    }
}
