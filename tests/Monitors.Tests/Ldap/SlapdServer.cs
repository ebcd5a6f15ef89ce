using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Failover.Monitors.Tests.Ldap;

/// <summary>A private slapd on 127.0.0.1 with an mdb database for dc=example,dc=test, in a temp
/// directory; killed and removed on Dispose.</summary>
public sealed class SlapdServer : IDisposable
{
    public const string Suffix = "dc=example,dc=test";
    public const string RootDn = "cn=admin,dc=example,dc=test";
    public const string RootPassword = "admin-secret";
    public const string ProbeDn = "cn=probe,dc=example,dc=test";
    public const string ProbePassword = "probe-secret";
    private const string Slapd = "/usr/sbin/slapd";
    private const string LdapAdd = "/usr/bin/ldapadd";
    private const string Schema = "/etc/ldap/schema/core.schema";
    private const string Modules = "/usr/lib/ldap";
    private readonly string _directory;
    private readonly Process _process;

    public SlapdServer()
    {
        _directory = Directory.CreateTempSubdirectory("failover-slapd-").FullName;
        Port = FreePort();
        Directory.CreateDirectory(Path.Combine(_directory, "db"));
        var config = Path.Combine(_directory, "slapd.conf");
        File.WriteAllText(config, $"""
            include {Schema}
            pidfile {_directory}/slapd.pid
            modulepath {Modules}
            moduleload back_mdb
            database mdb
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw {RootPassword}
            directory {_directory}/db
            maxsize 10485760

            """);
        var start = new ProcessStartInfo(Slapd) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-d", "0", "-h", $"ldap://127.0.0.1:{Port}/", "-f", config })
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("slapd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            WaitForPort();
            AddEntries();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    public string Uri => $"ldap://127.0.0.1:{Port}";

    public static string? MissingReason()
    {
        foreach (var file in new[] { Slapd, LdapAdd, Schema, Path.Combine(Modules, "back_mdb.so") })
        {
            if (!File.Exists(file))
            {
                return $"{file} missing: apt-get install slapd ldap-utils libldap-2.5-0";
            }
        }
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libldap-2.5.so.0") && !File.Exists("/usr/lib/aarch64-linux-gnu/libldap-2.5.so.0"))
        {
            return "libldap-2.5.so.0 missing: apt-get install libldap-2.5-0";
        }
        return null;
    }

    /// <summary>Freezes slapd (SIGSTOP): the kernel still accepts connections, nobody answers.</summary>
    public void Freeze() => Signal("STOP");

    public void Kill()
    {
        Signal("CONT"); // a stopped process dies of SIGKILL too, but let it go cleanly either way
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // leave it for /tmp cleaning; the port and process are what matter
        }
    }

    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }
        using var kill = Process.Start("/bin/kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000);
    }

    private void AddEntries()
    {
        var ldif = $"""
            dn: {Suffix}
            objectClass: dcObject
            objectClass: organization
            dc: example
            o: Example

            dn: {ProbeDn}
            objectClass: organizationalRole
            objectClass: simpleSecurityObject
            cn: probe
            userPassword: {ProbePassword}

            """;
        var start = new ProcessStartInfo(LdapAdd) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-x", "-H", Uri, "-D", RootDn, "-w", RootPassword })
        {
            start.ArgumentList.Add(arg);
        }
        using var add = Process.Start(start)!;
        add.StandardInput.Write(ldif);
        add.StandardInput.Close();
        var error = add.StandardError.ReadToEndAsync();
        add.StandardOutput.ReadToEnd();
        if (!add.WaitForExit(10000) || add.ExitCode != 0)
        {
            throw new InvalidOperationException($"ldapadd failed: {error.Result}");
        }
    }

    private void WaitForPort()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"slapd exited with {_process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"slapd did not listen on {Port} within 10 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
