using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A real OpenSSH server in a lab node: its own config, host key and authorized_keys in the lab's work directory
/// (never /etc/ssh or /root/.ssh), root allowed by key only. A client key and a known_hosts naming the node's
/// address and host key are made beside it, so failoverd's ssh: section can point at them.
/// </summary>
public sealed partial class SshServer
{
    private readonly NetLab _lab;
    private readonly LabNode _node;
    private readonly string _config;
    private LabProcess? _process;

    private SshServer(NetLab lab, LabNode node, string directory)
    {
        _lab = lab;
        _node = node;
        Directory = directory;
        HostKey = Path.Combine(directory, "ssh_host_ed25519_key");
        ClientKey = Path.Combine(directory, "id_ed25519");
        KnownHosts = Path.Combine(directory, "known_hosts");
        _config = Path.Combine(directory, "sshd_config");
    }

    public string Directory { get; }

    public string HostKey { get; }

    /// <summary>The private key root may log in with (mode 0600).</summary>
    public string ClientKey { get; }

    /// <summary>"ADDRESS ssh-ed25519 …" for this server's host key.</summary>
    public string KnownHosts { get; }

    public string Address => _node.Address.ToString();

    public static async Task<SshServer> Start(NetLab lab, LabNode node)
    {
        var sshd = LabTool.Require("sshd", "openssh-server");
        var keygen = LabTool.Require("ssh-keygen", "openssh-client");
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"sshd-{node.Name}")).FullName;
        var server = new SshServer(lab, node, directory);
        Run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", $"lab host {node.Name}", "-f", server.HostKey);
        Run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "lab failoverd", "-f", server.ClientKey);
        File.Copy(server.ClientKey + ".pub", Path.Combine(directory, "authorized_keys"));
        var hostPublic = File.ReadAllText(server.HostKey + ".pub").Split(' ');
        File.WriteAllText(server.KnownHosts, $"{server.Address} {hostPublic[0]} {hostPublic[1]}\n");
        File.WriteAllText(server._config, $"""
            ListenAddress {server.Address}
            Port 22
            HostKey {server.HostKey}
            AuthorizedKeysFile {directory}/authorized_keys
            PidFile {directory}/sshd.pid
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PrintMotd no
            LogLevel VERBOSE
            """ + "\n");
        // sshd's privilege separation directory is compiled in; the Debian unit creates it at service start.
        System.IO.Directory.CreateDirectory("/run/sshd");
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var sshd = LabTool.Require("sshd", "openssh-server");
        _process = _lab.Start(_node, [sshd, "-D", "-e", "-f", _config]);
        await _process.WaitForLine(Listening(), TimeSpan.FromSeconds(15));
    }

    public async Task Stop()
    {
        if (_process is { } process)
            await process.Stop();
        _process = null;
    }

    public LabProcess Process => _process ?? throw new InvalidOperationException("sshd is not running");

    [GeneratedRegex("Server listening on")]
    private static partial Regex Listening();

    private static void Run(string program, params string[] args)
    {
        var result = Command.Run(program, args, TimeSpan.FromSeconds(20));
        if (!result.Succeeded)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {result.ExitCode}: {result.StdErr}");
    }
}
