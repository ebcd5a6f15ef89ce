using System.Net;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds the optional top-level <c>peer:</c> mapping:
/// <c>peer: { node: vm-varda, address: 10.4.0.211, port: 7420, listen: 0.0.0.0, secret_file: /etc/failover/peer.key, interval: 1s, silence: 3s }</c>.
/// </summary>
internal static class PeerBinder
{
    private static readonly string[] Keys = ["node", "address", "port", "listen", "secret_file", "interval", "silence"];
    private const int MaxSecretBytes = 4096;

    /// <returns>The peer, or null when none is configured or after reporting what is wrong.</returns>
    public static PeerConfig? Bind(ConfigNode? node, string localNode, ValueReader read)
    {
        if (node is null)
            return null;
        var map = KeyedMapping.Open(node, "in peer", Keys,
            "peer must be a mapping, e.g. peer: { node: varda, address: 10.4.0.211 }", read.Errors);
        if (map is null)
            return null;
        var errorsBefore = read.Errors.Count;

        var name = map.Required("node") is { } n
            ? read.Text(n, "peer node must be a non-empty string without spaces (the peer's node: name)",
                s => s.Length > 0 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            : null;
        if (name is not null && name == localNode)
            read.Report(map.Optional("node")!.Position, $"peer node '{name}' is this node's own name: name the other node of the pair");
        var address = map.Required("address") is { } a ? read.Ipv4(a, "peer address must be an IPv4 address such as 10.4.0.211") : null;
        var port = map.Optional("port") is { } p ? read.Port(p, "peer port") : PeerConfig.DefaultPort;
        var listen = map.Optional("listen") is { } l
            ? read.Ipv4(l, "peer listen must be an IPv4 address of this node, or 0.0.0.0 for every address")
            : IPAddress.Any;
        var interval = map.Optional("interval") is { } i
            ? read.Duration(i, "peer interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1))
            : PeerConfig.DefaultInterval;
        TimeSpan? silence = null;
        if (map.Optional("silence") is { } s)
        {
            silence = read.Duration(s, "peer silence", TimeSpan.FromMilliseconds(300), TimeSpan.FromMinutes(10));
            if (silence is { } given && interval is { } every && given < every * 2)
            {
                read.Report(s.Position, $"peer silence must be at least twice the interval ({Rules.Language.DurationLiteral.Format(every * 2)}): one late snapshot must not make the peer unreachable");
                silence = null;
            }
        }
        else if (interval is { } every)
        {
            silence = every * 3;
        }

        string? secretFile = null;
        byte[]? secret = null;
        if (map.Optional("secret_file") is { } f && read.AbsolutePath(f, "peer secret_file must be an absolute path") is { } path)
        {
            secretFile = path;
            secret = ReadSecret(path, f.Position, read.Errors);
        }

        if (read.Errors.Count > errorsBefore || name is null || address is null || port is null || listen is null
            || interval is null || silence is null || (secretFile is not null && secret is null))
            return null;
        return new PeerConfig(name, address, port.Value, listen, secretFile, secret, interval.Value, silence.Value);
    }

    /// <summary>The file's content without trailing line ends; private to its owner and at least 16 bytes.</summary>
    private static byte[]? ReadSecret(string path, TextPosition at, ConfigErrorCollector errors)
    {
        if (PrivateFile.ReadHead(path, "peer secret_file", MaxSecretBytes, at, errors, out var ownerOnly) is not { } head)
            return null;
        var length = head.Length;
        while (length > 0 && head[length - 1] is (byte)'\n' or (byte)'\r')
            length--;
        if (length < PeerConfig.MinSecretBytes)
        {
            errors.Add(at, $"peer secret_file {path} holds {length} bytes; it needs at least {PeerConfig.MinSecretBytes} (e.g. head -c 32 /dev/urandom | base64 > {path})");
            return null;
        }
        return ownerOnly ? head[..length] : null;
    }

    /// <summary>For messages: the secret's origin.</summary>
    public static string Describe(PeerConfig peer) =>
        peer.SecretFile is { } file ? $"secret_file {file}" : "key derived from the groups' CARP passwords";
}
