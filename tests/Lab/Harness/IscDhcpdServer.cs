using System.Net;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// The real ISC dhcpd (<c>dhcpd -4 -f -d</c>, foreground, logging to stderr) in a lab node, serving the lab
/// subnet 192.0.2.0/24 from the pool <see cref="PoolFirst"/>–<see cref="PoolLast"/> on its eth0. Config,
/// lease database and pid file live in <c>WORKDIR/NODE-dhcpd/</c>.
/// </summary>
/// <remarks>
/// dhcpd reads clients through a packet socket on its interface and ignores requests its own host sends
/// it (REFERENCE §4), so the prober must be another node: a relay-mode probe there (giaddr = the prober's
/// address) gets its DHCPOFFER unicast back to port 67.
/// </remarks>
public sealed class IscDhcpdServer
{
    public const string PoolFirst = "192.0.2.150";
    public const string PoolLast = "192.0.2.160";

    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(20);
    private readonly NetLab lab;
    private readonly string directory;

    private IscDhcpdServer(NetLab lab, LabNode node, string directory)
    {
        this.lab = lab;
        Node = node;
        this.directory = directory;
    }

    public LabNode Node { get; }

    /// <summary>dhcpd's server identifier: the address of its interface.</summary>
    public IPAddress Address => Node.Address;

    /// <summary>The running dhcpd; a new one after <see cref="Restart"/>.</summary>
    public LabProcess Process { get; private set; } = null!;

    /// <summary>The lease database as dhcpd left it on disk.</summary>
    public string Leases => File.ReadAllText(Path.Combine(directory, "dhcpd.leases"));

    /// <summary>Writes the config and an empty lease database, starts dhcpd, returns once it serves.</summary>
    public static async Task<IscDhcpdServer> Start(NetLab lab, LabNode node)
    {
        var directory = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"{node.Name}-dhcpd")).FullName;
        File.WriteAllText(Path.Combine(directory, "dhcpd.conf"), $$"""
            authoritative;
            ping-check false;
            default-lease-time 600;
            max-lease-time 600;
            subnet 192.0.2.0 netmask 255.255.255.0 {
              range {{PoolFirst}} {{PoolLast}};
            }

            """);
        File.WriteAllText(Path.Combine(directory, "dhcpd.leases"), "");
        var server = new IscDhcpdServer(lab, node, directory);
        await server.Restart();
        return server;
    }

    /// <summary>SIGTERM, and waits for dhcpd to exit.</summary>
    public async Task Stop()
    {
        await Process.Stop(TimeSpan.FromSeconds(10));
        if (!Process.HasExited)
        {
            throw new InvalidOperationException($"dhcpd in {Node.Name} did not exit\n{Process.Tail(20)}");
        }
    }

    /// <summary>The dhcpd command line (foreground), for a simulated systemctl to run.</summary>
    public IReadOnlyList<string> Argv =>
    [
        LabTool.Require("dhcpd", "isc-dhcp-server"), "-4", "-f", "-d", "-cf", Path.Combine(directory, "dhcpd.conf"),
        "-lf", Path.Combine(directory, "dhcpd.leases"), "-pf", Path.Combine(directory, "dhcpd.pid"),
        LabNode.Interface,
    ];

    /// <summary>Starts dhcpd (again) on the same lease database; returns once it says it serves.</summary>
    public async Task Restart()
    {
        Process = lab.Start(Node, Argv);
        // Printed once its packet socket and its fallback UDP socket are open.
        await Process.WaitForLine(l => l == "Server starting service.", "dhcpd's 'Server starting service.'", Ready);
    }

    public void Freeze() => JobControl.Freeze(Process);

    public void Thaw() => JobControl.Thaw(Process);
}
