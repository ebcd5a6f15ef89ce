using Failover.Remote.Ssh;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds the optional top-level <c>ssh:</c> mapping: how this node runs commands on its peer and pushes files to it
/// (<c>ssh: { host: 10.4.0.211, user: root, port: 22, identity: /etc/failover/id_ed25519, known_hosts: /etc/failover/known_hosts,
/// connect_timeout: 5s, command_timeout: 30s }</c>).
/// </summary>
internal static class SshBinder
{
    private static readonly string[] Keys = ["host", "user", "port", "identity", "known_hosts", "connect_timeout", "command_timeout"];

    /// <param name="peer">The peer: section, whose address is the default host; null: none.</param>
    /// <returns>The settings, or null when none are configured or after reporting what is wrong.</returns>
    public static SshSettings? Bind(ConfigNode? node, PeerConfig? peer, ValueReader read)
    {
        if (node is null)
            return null;
        var map = KeyedMapping.Open(node, "in ssh", Keys,
            "ssh must be a mapping, e.g. ssh: { identity: /etc/failover/id_ed25519 }", read.Errors);
        if (map is null)
            return null;
        var errorsBefore = read.Errors.Count;

        string? host;
        if (map.Optional("host") is { } h)
            host = read.Text(h, "ssh host must be a host name or address (one word, not starting with '-')", StepWords.IsName);
        else if (peer is not null)
            host = peer.Address.ToString();
        else
        {
            host = null;
            read.Report(map.Position, "ssh needs a host: there is no peer: section whose address it could default to");
        }
        var user = map.Optional("user") is { } u
            ? read.Text(u, "ssh user must be a user name (one word, not starting with '-')", StepWords.IsName)
            : SshSettings.DefaultUser;
        var port = map.Optional("port") is { } p ? read.Port(p, "ssh port") : SshSettings.DefaultPort;
        var identity = map.Required("identity") is { } i ? Identity(i, read) : null;
        var knownHosts = map.Optional("known_hosts") is { } k ? KnownHosts(k, read) : null;
        var connectTimeout = map.Optional("connect_timeout") is { } c
            ? read.Duration(c, "ssh connect_timeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2))
            : SshSettings.DefaultConnectTimeout;
        var commandTimeout = map.Optional("command_timeout") is { } t
            ? read.Duration(t, "ssh command_timeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            : SshSettings.DefaultCommandTimeout;

        if (read.Errors.Count > errorsBefore || host is null || user is null || port is null || identity is null
            || connectTimeout is null || commandTimeout is null)
            return null;
        return new SshSettings(host, user, port.Value, identity, knownHosts, connectTimeout.Value, commandTimeout.Value);
    }

    /// <summary>The private key: it must exist and be the owner's alone (ssh itself refuses a key others can read,
    /// but only when the first command runs; here it is a configuration error at once).</summary>
    private static string? Identity(ConfigNode node, ValueReader read)
    {
        if (PathWord(node, "ssh identity", read) is not { } path)
            return null;
        PrivateFile.ReadHead(path, "ssh identity", 1, node.Position, read.Errors, out var ownerOnly);
        return ownerOnly ? path : null;
    }

    private static string? KnownHosts(ConfigNode node, ValueReader read)
    {
        if (PathWord(node, "ssh known_hosts", read) is not { } path)
            return null;
        if (!File.Exists(path))
        {
            read.Report(node.Position, $"ssh known_hosts {path} does not exist (with StrictHostKeyChecking=yes every connection would be refused)");
            return null;
        }
        return path;
    }

    /// <summary>An absolute path without quotes: it travels inside rsync's --rsh, which cannot escape a single quote.</summary>
    private static string? PathWord(ConfigNode node, string key, ValueReader read) =>
        read.Text(node, $"{key} must be an absolute path without quote characters",
            s => s.StartsWith('/') && !s.Any(c => c is '\'' or '"' or '\0' || char.IsControl(c)));
}
