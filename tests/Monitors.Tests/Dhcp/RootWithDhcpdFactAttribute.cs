using Xunit;

namespace Failover.Monitors.Tests.Dhcp;

/// <summary>A fact that needs root (network namespaces, port 67) and ISC dhcpd; skipped otherwise.</summary>
internal sealed class RootWithDhcpdFactAttribute : FactAttribute
{
    public const string Dhcpd = "/usr/sbin/dhcpd";

    public RootWithDhcpdFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root for network namespaces and port 67";
        }
        else if (!File.Exists(Dhcpd) || !File.Exists("/usr/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/sbin/ip"))
        {
            Skip = $"needs {Dhcpd} (apt-get install isc-dhcp-server) and iproute2";
        }
    }
}
