using System.Globalization;
using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A real MTA in a lab node: Debian's exim4 daemon on its own configuration, as a site's relay is set up. It offers
/// STARTTLS with the given certificate, AUTH (PLAIN, LOGIN and CRAM-MD5 for one user) only over TLS, and relays
/// only for an authenticated client; <c>reject-me@</c> is refused at RCPT with a 550. Accepted mail is delivered
/// to one mbox, <see cref="Inbox"/>; exim's own log, <see cref="MainLog"/>, says how each message came in
/// (<c>P=esmtpsa</c>, <c>X=</c> the TLS cipher, <c>A=</c> the authenticator and user).
/// </summary>
public sealed partial class EximRelay
{
    public const string Exim = "/usr/sbin/exim4";

    private EximRelay(string directory, string endpoint)
    {
        Directory = directory;
        Endpoint = endpoint;
    }

    public string Directory { get; }

    /// <summary>"192.0.2.25:2525", as <c>mail: relay</c> takes it.</summary>
    public string Endpoint { get; }

    public string Inbox => Path.Combine(Directory, "mail", "inbox");

    public string MainLog => Path.Combine(Directory, "log", "mainlog");

    public static async Task<EximRelay> Start(NetLab lab, LabNode node, RelayCertificates tls, string user, string password, int port = 2525)
    {
        LabTool.Require(Exim, "exim4-daemon-light");
        // exim drops root for a configuration of its own (-C), so its user must reach and write these files.
        File.SetUnixFileMode(lab.WorkDirectory, File.GetUnixFileMode(lab.WorkDirectory) | UnixFileMode.OtherExecute);
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"exim-{node.Name}")).FullName;
        foreach (var sub in new[] { "", "spool", "log", "mail" })
            File.SetUnixFileMode(System.IO.Directory.CreateDirectory(Path.Combine(directory, sub)).FullName, (UnixFileMode)0x1FF);
        var key = Path.Combine(directory, "relay.key");
        File.Copy(tls.KeyFile, key);
        File.SetUnixFileMode(key, (UnixFileMode)0x1A4); // 0644: read by exim's user, a lab's throw-away key
        var config = Path.Combine(directory, "exim.conf");
        File.WriteAllText(config, Config(directory, node, port, tls.CertFile, key, user, password));

        var relay = new EximRelay(directory, $"{node.Address}:{port}");
        lab.Start(node, [Exim, "-C", config, "-bdf", "-oX", port.ToString(CultureInfo.InvariantCulture)]);
        await Poll.Until(() => relay.Log().Contains("listening for SMTP", StringComparison.Ordinal), TimeSpan.FromSeconds(20),
            $"exim listening on {relay.Endpoint} (its log: {relay.MainLog})");
        return relay;
    }

    /// <summary>exim's main log so far ("" before it wrote one).</summary>
    public string Log() => File.Exists(MainLog) ? File.ReadAllText(MainLog) : "";

    /// <summary>Every message delivered so far, oldest first, line ends \n.</summary>
    public IReadOnlyList<string> Messages()
    {
        if (!File.Exists(Inbox))
            return [];
        var mbox = File.ReadAllText(Inbox).ReplaceLineEndings("\n");
        return MboxSeparator().Split(mbox).Where(m => m.Length > 0).ToArray();
    }

    /// <summary>The first message whose subject (as written, maybe RFC 2047-encoded) contains <paramref name="subject"/>.</summary>
    public async Task<string> WaitFor(string subject, TimeSpan timeout)
    {
        string? found = null;
        await Poll.Until(() => (found = Messages().FirstOrDefault(m => SmtpSink.SubjectOf(m).Contains(subject, StringComparison.Ordinal))) is not null,
            timeout, $"a mail '{subject}' in {Inbox}");
        return found!;
    }

    // Placeholders, not interpolation: exim's expansions are made of braces.
    private static string Config(string dir, LabNode node, int port, string cert, string key, string user, string password) => """
        primary_hostname = mx.example.test
        spool_directory = @DIR@/spool
        log_file_path = @DIR@/log/%slog
        pid_file_path = @DIR@/exim.pid
        daemon_smtp_ports = @PORT@
        local_interfaces = @ADDRESS@
        host_lookup =
        rfc1413_hosts =
        keep_environment =
        tls_advertise_hosts = *
        tls_certificate = @CERT@
        tls_privatekey = @KEY@
        smtputf8_advertise_hosts = *
        auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}
        acl_smtp_rcpt = acl_rcpt

        begin acl
        acl_rcpt:
          deny message = 5.1.1 <$local_part@$domain>: Recipient address rejected: User unknown
               local_parts = reject-me
          deny message = 5.7.1 authentication required
               !authenticated = *
          accept

        begin routers
        everything:
          driver = accept
          transport = inbox

        begin transports
        inbox:
          driver = appendfile
          file = @DIR@/mail/inbox
          user = Debian-exim
          envelope_to_add
          return_path_add

        begin authenticators
        plain:
          driver = plaintext
          public_name = PLAIN
          server_condition = ${if and {{eq{$auth2}{@USER@}}{eq{$auth3}{@PASSWORD@}}}}
          server_set_id = $auth2
        login:
          driver = plaintext
          public_name = LOGIN
          server_prompts = Username:: : Password::
          server_condition = ${if and {{eq{$auth1}{@USER@}}{eq{$auth2}{@PASSWORD@}}}}
          server_set_id = $auth1
        cram:
          driver = cram_md5
          public_name = CRAM-MD5
          server_secret = ${if eq{$auth1}{@USER@}{@PASSWORD@}fail}
          server_set_id = $auth1

        """
        .Replace("@DIR@", dir, StringComparison.Ordinal).Replace("@PORT@", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@ADDRESS@", node.Address.ToString(), StringComparison.Ordinal).Replace("@CERT@", cert, StringComparison.Ordinal)
        .Replace("@KEY@", key, StringComparison.Ordinal).Replace("@USER@", user, StringComparison.Ordinal)
        .Replace("@PASSWORD@", password, StringComparison.Ordinal);

    [GeneratedRegex("(?m)^From [^\n]*\n")]
    private static partial Regex MboxSeparator();
}
