using System.Net;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// The real BIND 9 (<c>named -g</c>, foreground, logging to stderr) in a lab node, authoritative only, for
/// one small zone. Everything it writes (pid, session key, managed keys) stays in its own directory under
/// the lab's work directory; nothing touches /etc/bind or /var/cache/bind. It listens on the node's
/// address only, port 53, with recursion off.
/// </summary>
/// <remarks>
/// What it serves, so probes can be pointed at each kind of answer:
/// <list type="bullet">
/// <item><see cref="Www"/> A <see cref="WwwAddress"/>: NOERROR, authoritative.</item>
/// <item>any other name in <see cref="Zone"/>: NXDOMAIN, authoritative.</item>
/// <item><see cref="Delegated"/>: a referral to a child zone: NOERROR, no answer, not authoritative.</item>
/// <item>any name in <see cref="BrokenZone"/>: declared with a zone file that does not exist, so named
/// cannot load it and answers SERVFAIL.</item>
/// </list>
/// </remarks>
public sealed class Bind9Server
{
    public const string Zone = "example.test";
    public const string Www = "www.example.test";
    public const string WwwAddress = "192.0.2.80";
    public const string Delegated = "www.sub.example.test";
    public const string BrokenZone = "broken.test";

    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(20);
    private readonly NetLab lab;
    private readonly string config;

    private Bind9Server(NetLab lab, LabNode node, string config)
    {
        this.lab = lab;
        Node = node;
        this.config = config;
    }

    public LabNode Node { get; }

    /// <summary>The running named; a new one after <see cref="Restart"/>.</summary>
    public LabProcess Process { get; private set; } = null!;

    /// <summary>As the DNS probe names the server in its reasons: <c>192.0.2.53:53</c>.</summary>
    public IPEndPoint Endpoint => new(Node.Address, 53);

    /// <summary>Writes the config and zone into <c>WORKDIR/NODE-named/</c>, starts named and returns once it answers.</summary>
    /// <param name="allAddresses">Listen on every address (<c>listen-on { any; }</c>): named then also serves
    /// 127.0.0.1 and picks up a VIP added later within milliseconds; otherwise the node's address only.</param>
    public static async Task<Bind9Server> Start(NetLab lab, LabNode node, bool allAddresses = false)
    {
        var directory = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"{node.Name}-named")).FullName;
        var zoneFile = Path.Combine(directory, $"{Zone}.zone");
        File.WriteAllText(zoneFile, ZoneText(node.Address));
        // Only read by named, but given so that no file outside this directory is needed at all.
        File.WriteAllText(Path.Combine(directory, "bind.keys"), "");
        var config = Path.Combine(directory, "named.conf");
        File.WriteAllText(config, $$"""
            options {
              directory "{{directory}}";
              pid-file "{{directory}}/named.pid";
              session-keyfile "{{directory}}/session.key";
              managed-keys-directory "{{directory}}";
              bindkeys-file "{{directory}}/bind.keys";
              listen-on port 53 { {{(allAddresses ? "any" : node.Address.ToString())}}; };
              listen-on-v6 { none; };
              recursion no;
              dnssec-validation no;
              allow-query { any; };
            };
            controls { };
            zone "{{Zone}}" { type primary; file "{{zoneFile}}"; };
            zone "{{BrokenZone}}" { type primary; file "{{directory}}/{{BrokenZone}}.zone-that-is-missing"; };

            """);
        var server = new Bind9Server(lab, node, config);
        await server.Restart();
        return server;
    }

    /// <summary>SIGTERM, and waits for named to exit: its port is closed afterwards (ICMP port unreachable).</summary>
    public async Task Stop()
    {
        await Process.Stop(TimeSpan.FromSeconds(10));
        if (!Process.HasExited)
        {
            throw new InvalidOperationException($"named in {Node.Name} did not exit\n{Process.Tail(20)}");
        }
    }

    /// <summary>Starts named (again) and returns once it has loaded its zones and answers a query.</summary>
    public async Task Restart()
    {
        var named = LabTool.Require("named", "bind9");
        Process = lab.Start(Node, [named, "-g", "-4", "-c", config]);
        await Process.WaitForLine(l => l.EndsWith(" running", StringComparison.Ordinal), "named's 'running'", Ready);
        await Poll.Until(Answers, Ready, $"named in {Node.Name} answers {Www} A with {WwwAddress}");
    }

    public void Freeze() => JobControl.Freeze(Process);

    public void Thaw() => JobControl.Thaw(Process);

    private bool Answers()
    {
        var dig = LabTool.Require("dig", "bind9-dnsutils");
        var result = lab.Exec(Node, dig, "+norecurse", "+time=2", "+tries=1", "+short", $"@{Node.Address}", Www, "A");
        return result.Succeeded && result.StdOut.Trim() == WwwAddress;
    }

    private static string ZoneText(IPAddress nameServer) => $"""
        $TTL 300
        @       IN SOA  ns.{Zone}. hostmaster.{Zone}. 1 3600 600 86400 300
        @       IN NS   ns.{Zone}.
        ns      IN A    {nameServer}
        www     IN A    {WwwAddress}
        ; a child zone served elsewhere: named answers for it with a referral, not authoritatively
        sub     IN NS   ns.sub.{Zone}.
        ns.sub  IN A    192.0.2.54

        """;
}
