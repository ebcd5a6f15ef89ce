using System.Diagnostics;

namespace Failover.Monitors.Tests.Dhcp;

/// <summary>
/// ISC dhcpd in namespace fxd-dhcps-N on 192.0.2.1/24 (pool .50–.60), wired by a veth pair to namespace
/// fxd-dhcpc-N holding 192.0.2.5/24 for the prober. Two namespaces because dhcpd reads its interface through
/// a packet socket: a relayed DISCOVER must arrive on that interface, not over the server's own loopback.
/// </summary>
internal sealed class IscDhcpdLab : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fxd-dhcpd-").FullName;
    private readonly Process? _dhcpd;

    public IscDhcpdLab()
    {
        var tag = Random.Shared.Next(10000, 99999);
        ServerNamespace = $"fxd-dhcps-{tag}";
        ClientNamespace = $"fxd-dhcpc-{tag}";
        try
        {
            Ip($"netns add {ServerNamespace}");
            Ip($"netns add {ClientNamespace}");
            Ip($"link add fxd-s netns {ServerNamespace} type veth peer name fxd-c netns {ClientNamespace}");
            Ip($"-n {ServerNamespace} addr add 192.0.2.1/24 dev fxd-s");
            Ip($"-n {ServerNamespace} link set fxd-s up");
            Ip($"-n {ClientNamespace} addr add 192.0.2.5/24 dev fxd-c");
            Ip($"-n {ClientNamespace} link set fxd-c up");

            File.WriteAllText(Path.Combine(_dir, "dhcpd.conf"), """
                authoritative;
                ping-check false;
                default-lease-time 600;
                subnet 192.0.2.0 netmask 255.255.255.0 {
                  range 192.0.2.50 192.0.2.60;
                }
                """);
            File.WriteAllText(Path.Combine(_dir, "dhcpd.leases"), "");
            var start = new ProcessStartInfo("ip", [
                "netns", "exec", ServerNamespace, RootWithDhcpdFactAttribute.Dhcpd, "-4", "-f", "-d",
                "-cf", Path.Combine(_dir, "dhcpd.conf"), "-lf", Path.Combine(_dir, "dhcpd.leases"),
                "-pf", Path.Combine(_dir, "dhcpd.pid"), "fxd-s"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            _dhcpd = Process.Start(start)!;
            _dhcpd.OutputDataReceived += (_, e) => Log(e.Data);
            _dhcpd.ErrorDataReceived += (_, e) => Log(e.Data);
            _dhcpd.BeginOutputReadLine();
            _dhcpd.BeginErrorReadLine();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string Output
    {
        get
        {
            lock (_dir)
            {
                return File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";
            }
        }
    }

    /// <summary>The lease database as dhcpd wrote it.</summary>
    public string Leases => File.ReadAllText(Path.Combine(_dir, "dhcpd.leases"));

    private string LogPath => Path.Combine(_dir, "dhcpd.log");

    public void Dispose()
    {
        if (_dhcpd is { HasExited: false })
        {
            _dhcpd.Kill(entireProcessTree: true);
            _dhcpd.WaitForExit(5000);
        }
        _dhcpd?.Dispose();
        TryIp($"netns del {ServerNamespace}");
        TryIp($"netns del {ClientNamespace}");
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (_dir)
            {
                File.AppendAllText(LogPath, line + "\n");
            }
        }
    }

    private static void Ip(string arguments)
    {
        var (code, output) = Run(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {arguments}: exit {code}: {output}");
        }
    }

    private static void TryIp(string arguments) => Run(arguments);

    private static (int Code, string Output) Run(string arguments)
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var output = ip.StandardOutput.ReadToEnd() + ip.StandardError.ReadToEnd();
        ip.WaitForExit();
        return (ip.ExitCode, output);
    }
}
