using System.Globalization;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A real slapd inside a lab node, listening on <c>ldap://NODE-ADDRESS:389</c>, with an mdb database for
/// <see cref="Suffix"/> that holds the suffix entry (o: <see cref="Organization"/>) and a service account
/// <see cref="ProbeDn"/>. Config and data live in the lab's work directory, so a slapd stopped with
/// <see cref="Stop"/> comes back with the same directory from <see cref="Restart"/>.
/// </summary>
public sealed class SlapdServer
{
    public const string Suffix = "dc=example,dc=test";
    public const string Organization = "Example";
    public const string RootDn = "cn=admin,dc=example,dc=test";
    public const string RootPassword = "admin-secret";
    public const string ProbeDn = "cn=probe,dc=example,dc=test";
    public const string ProbePassword = "probe-secret";
    public const int Port = 389;

    private const string Schema = "/etc/ldap/schema/core.schema";
    private const string Modules = "/usr/lib/ldap";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly NetLab lab;
    private readonly string[] argv;

    private SlapdServer(NetLab lab, LabNode node, string[] argv, LabProcess process)
    {
        this.lab = lab;
        this.argv = argv;
        Node = node;
        Process = process;
    }

    public LabNode Node { get; }

    /// <summary>The slapd running now (a new one after <see cref="Restart"/>).</summary>
    public LabProcess Process { get; private set; }

    /// <summary>As the LDAP probe prints it in its reasons: <c>ldap://192.0.2.1:389</c>.</summary>
    public string Uri => $"ldap://{Node.Address}:{Port}";

    /// <summary>The slapd command line (foreground), for a simulated systemctl to run.</summary>
    public IReadOnlyList<string> Argv => argv;

    /// <summary>Writes slapd.conf, starts slapd in <paramref name="node"/>, waits until it answers and adds the entries.</summary>
    /// <param name="allAddresses">Listen on every address of the node (<c>ldap:///</c>, as Debian's slapd does), so a
    /// VIP added later is served too; otherwise on the node's address only.</param>
    public static async Task<SlapdServer> Start(NetLab lab, LabNode node, bool allAddresses = false)
    {
        var slapd = LabTool.Require("slapd", "slapd");
        foreach (var file in new[] { Schema, Path.Combine(Modules, "back_mdb.so") })
        {
            if (!File.Exists(file))
                throw new InvalidOperationException($"lab LDAP tests need {file}: apt-get install -y slapd");
        }

        var directory = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"slapd-{node.Name}")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "db"));
        var config = Path.Combine(directory, "slapd.conf");
        File.WriteAllText(config, $"""
            include {Schema}
            pidfile {directory}/slapd.pid
            argsfile {directory}/slapd.args
            modulepath {Modules}
            moduleload back_mdb
            database mdb
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw {RootPassword}
            directory {directory}/db
            maxsize 10485760

            """.ReplaceLineEndings("\n"));
        // -d keeps slapd in the foreground (the lab owns its process); 256 logs one line per connection and operation.
        string[] argv = [slapd, "-d", "256", "-h", allAddresses ? "ldap:///" : $"ldap://{node.Address}:{Port}/", "-f", config];
        var server = new SlapdServer(lab, node, argv, lab.Start(node, argv));
        await server.WaitUntilAnswering();
        server.AddEntries(directory);
        return server;
    }

    /// <summary>Starts slapd again on the same config and data, after <see cref="Stop"/>; waits until it answers.</summary>
    public async Task Restart()
    {
        if (!Process.HasExited)
            throw new InvalidOperationException("slapd is still running: Stop it first");
        Process = lab.Start(Node, argv);
        await WaitUntilAnswering();
    }

    /// <summary>SIGTERM: slapd closes its listener and exits, so connects are refused.</summary>
    public Task Stop() => Process.Stop();

    /// <summary>SIGSTOP: the kernel still completes TCP handshakes on slapd's listener, but nobody answers.
    /// Call <see cref="Thaw"/> before the lab is disposed.</summary>
    public void Freeze() => Signal(Libc.SigStop);

    public void Thaw() => Signal(Libc.SigCont);

    /// <summary>Whether an anonymous read of the RootDSE from inside slapd's own node succeeds.</summary>
    public bool Answers()
    {
        var search = LabTool.Require("ldapsearch", "ldap-utils");
        var result = lab.Exec(Node, search, "-x", "-H", Uri, "-o", "nettimeout=2", "-b", "", "-s", "base", "-LLL", "namingContexts");
        return result.Succeeded && result.StdOut.Contains(Suffix, StringComparison.Ordinal);
    }

    private async Task WaitUntilAnswering()
    {
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (!Answers())
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"slapd exited (code {Process.ExitCode}) before answering\n{Process.Tail(30)}");
            if (DateTimeOffset.UtcNow >= deadline)
                throw new TimeoutException($"slapd did not answer on {Uri} within {StartTimeout.TotalSeconds:0} s\n{Process.Tail(30)}");
            await Task.Delay(100);
        }
    }

    private void AddEntries(string directory)
    {
        var ldif = Path.Combine(directory, "entries.ldif");
        File.WriteAllText(ldif, $"""
            dn: {Suffix}
            objectClass: dcObject
            objectClass: organization
            dc: example
            o: {Organization}

            dn: {ProbeDn}
            objectClass: organizationalRole
            objectClass: simpleSecurityObject
            cn: probe
            userPassword: {ProbePassword}

            """.ReplaceLineEndings("\n"));
        var add = LabTool.Require("ldapadd", "ldap-utils");
        var result = lab.Exec(Node, add, "-x", "-H", Uri, "-D", RootDn, "-w", RootPassword, "-f", ldif);
        if (!result.Succeeded)
            throw new InvalidOperationException($"ldapadd exited {result.ExitCode}: {result.StdErr.Trim()}");
    }

    private void Signal(int signal)
    {
        if (!Process.HasExited && Libc.Kill(Process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({Process.Id.ToString(CultureInfo.InvariantCulture)}, {signal}) failed");
    }
}
