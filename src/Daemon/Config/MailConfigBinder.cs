using System.Text;
using Failover.Mail.Smtp;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>mail: { relay, tls, ca_file, pin_sha256, user, password_file, from, to, subject_prefix, digest_window }</c>.
/// The password only ever comes from a file private to its owner, never inline.
/// </summary>
internal static class MailConfigBinder
{
    private const int MaxPasswordBytes = 1024;
    private static readonly string[] Keys = ["relay", "tls", "ca_file", "pin_sha256", "user", "password_file", "from", "to", "subject_prefix", "digest_window"];
    private static readonly string[] TlsWords = ["starttls", "implicit", "none"];

    /// <returns>The mail settings; null when absent or after reporting every problem (see errors).</returns>
    public static MailConfig? Bind(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return null;
        var map = KeyedMapping.Open(node, "in mail", Keys,
            "mail must be a mapping, e.g. mail: { relay: smtp.example.org, from: failover@example.org, to: [admins@example.org] }", read.Errors);
        if (map is null)
            return null;
        var before = read.Errors.Count;

        var tls = map.Optional("tls") is { } tlsNode ? Tls(tlsNode, read) : SmtpTlsMode.StartTls;
        var (host, port) = map.Required("relay") is { } relayNode ? Relay(relayNode, tls ?? SmtpTlsMode.StartTls, read) : (null, 0);
        var caFile = map.Optional("ca_file") is { } ca ? read.AbsolutePath(ca, "ca_file must be an absolute path") : null;
        if (caFile is not null && !File.Exists(caFile))
            read.Report(map.Optional("ca_file")!.Position, $"ca_file {caFile} does not exist");
        var pin = map.Optional("pin_sha256") is { } pinNode
            ? read.Text(pinNode, "pin_sha256 must be the SHA-256 of the relay's certificate: 64 hex digits, colons allowed",
                s => s.Replace(":", "", StringComparison.Ordinal).Length == 64 && s.Replace(":", "", StringComparison.Ordinal).All(char.IsAsciiHexDigit))
            : null;
        var user = map.Optional("user") is { } userNode ? read.Text(userNode, "user must be a non-empty string") : null;
        string? passwordFile = null;
        string? password = null;
        if (map.Optional("password_file") is { } pwNode)
        {
            passwordFile = read.AbsolutePath(pwNode, "password_file must be an absolute path");
            if (passwordFile is not null
                && PrivateFile.ReadHead(passwordFile, "mail password_file", MaxPasswordBytes, pwNode.Position, read.Errors, out var ownerOnly) is { } head
                && ownerOnly)
            {
                password = Encoding.UTF8.GetString(head).Split('\n')[0].TrimEnd('\r');
                if (password.Length == 0)
                    read.Report(pwNode.Position, $"mail password_file {passwordFile} is empty");
            }
        }
        if (user is not null && map.Optional("password_file") is null)
            read.Report(map.KeyNode("user")!.Position, "user needs password_file (the relay password, in a file only its owner can read)");
        if (user is null && map.Optional("password_file") is { } lonely)
            read.Report(map.KeyNode("password_file")!.Position, "password_file needs user");
        if (tls == SmtpTlsMode.None && user is not null)
            read.Report(map.KeyNode("user")!.Position, "user and password_file need tls: starttls or implicit (a password is never sent in clear text)");
        var from = map.Required("from") is { } fromNode ? read.Text(fromNode, "from must be a mail address, e.g. failover@example.org", IsAddress) : null;
        var to = map.Required("to") is { } toNode ? Recipients(toNode, read) : null;
        var prefix = map.Optional("subject_prefix") is { } prefixNode
            ? read.Text(prefixNode, "subject_prefix must be a string") is { } p ? p.TrimEnd() + " " : null
            : MailConfig.DefaultSubjectPrefix;
        var window = map.Optional("digest_window") is { } windowNode
            ? read.Duration(windowNode, "mail digest_window", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
            : MailConfig.DefaultDigestWindow;

        if (read.Errors.Count > before || host is null || from is null || to is null || prefix is null || tls is null || window is null)
            return null;
        var relay = new SmtpRelayOptions
        {
            Host = host, Port = port, Tls = tls.Value, CaFile = caFile, PinnedSha256 = pin, Username = user, Password = password,
        };
        return new MailConfig(relay, from, to, prefix, passwordFile) { DigestWindow = window.Value };
    }

    private static SmtpTlsMode? Tls(ConfigNode node, ValueReader read)
    {
        var word = node is ScalarNode s ? s.Value.ToLowerInvariant() : "";
        switch (word)
        {
            case "starttls": return SmtpTlsMode.StartTls;
            case "implicit": return SmtpTlsMode.Implicit;
            case "none": return SmtpTlsMode.None;
        }
        var hint = node is ScalarNode scalar && KeySuggestion.Closest(scalar.Value, TlsWords) is { } close ? $" (did you mean '{close}'?)" : "";
        read.Report(node.Position, $"tls must be one of starttls, implicit, none{hint}");
        return null;
    }

    /// <summary>host or host:port; the port defaults to 465 for implicit TLS, else 25.</summary>
    private static (string? Host, int Port) Relay(ConfigNode node, SmtpTlsMode tls, ValueReader read)
    {
        const string Message = "relay must be host or host:port, e.g. smtp.example.org or 192.0.2.25:587";
        if (read.Text(node, Message) is not { } text)
            return (null, 0);
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        var port = tls == SmtpTlsMode.Implicit ? 465 : 25;
        if (colon >= 0 && !(int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535))
        {
            read.Report(node.Position, $"relay port must be a number from 1 to 65535 (in '{text}')");
            return (null, 0);
        }
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            read.Report(node.Position, Message);
            return (null, 0);
        }
        return (host, port);
    }

    private static IReadOnlyList<string>? Recipients(ConfigNode node, ValueReader read)
    {
        const string Message = "to must list at least one mail address, e.g. to: [admins@example.org]";
        if (node is ScalarNode { IsNull: false } single)
            return read.Text(single, Message, IsAddress) is { } one ? [one] : null;
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position, Message);
            return null;
        }
        var addresses = list.Items.Select(item => read.Text(item, $"'{(item as ScalarNode)?.Value}' is not a mail address", IsAddress)).ToList();
        return addresses.Any(a => a is null) ? null : addresses.Select(a => a!).ToArray();
    }

    private static bool IsAddress(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && at == s.LastIndexOf('@') && at < s.Length - 1 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',');
    }
}
