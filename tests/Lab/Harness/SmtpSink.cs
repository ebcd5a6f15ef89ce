using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A real SMTP server in a lab node: aiosmtpd through the Mail tests' smtp-sink.py (python3-aiosmtpd), optionally
/// requiring STARTTLS with a certificate and AUTH. Every accepted message lands as <c>NNNN.eml</c> in
/// <see cref="Directory"/>, headed by <c>X-Sink-Tls: yes|no</c> and <c>X-Sink-Auth: MECHANISM:user|-</c>.
/// </summary>
public sealed partial class SmtpSink
{
    public const string Python = "/usr/bin/python3";

    private SmtpSink(LabProcess process, string directory, string endpoint)
    {
        Process = process;
        Directory = directory;
        Endpoint = endpoint;
    }

    public LabProcess Process { get; }

    public string Directory { get; }

    /// <summary>"192.0.2.25:2525", as <c>mail: relay</c> takes it.</summary>
    public string Endpoint { get; }

    /// <param name="tls">With a certificate the sink requires STARTTLS.</param>
    /// <param name="user">With a user (and password) the sink requires AUTH, over TLS only.</param>
    public static async Task<SmtpSink> Start(NetLab lab, LabNode node, int port = 2525, RelayCertificates? tls = null,
        string? user = null, string? password = null)
    {
        LabTool.Require(Python, "python3-aiosmtpd");
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"sink-{node.Name}-{port}")).FullName;
        var script = Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Mail.Tests", "Sink", "smtp-sink.py");
        var host = node.Address.ToString();
        List<string> argv = [Python, script, "--host", host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", directory];
        if (tls is not null)
            argv.AddRange(["--cert", tls.CertFile, "--key", tls.KeyFile]);
        if (user is not null)
            argv.AddRange(["--user", user, "--password", password ?? ""]);
        var process = lab.Start(node, argv);
        await process.WaitForLine(l => l == "READY", "READY from smtp-sink.py", TimeSpan.FromSeconds(30));
        return new SmtpSink(process, directory, $"{host}:{port}");
    }

    /// <summary>Every message received so far, oldest first, quoted-printable soft breaks and escapes undone, line ends \n.</summary>
    public IReadOnlyList<string> Messages() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal)
            .Select(f => Unquote(File.ReadAllText(f).ReplaceLineEndings("\n"))).ToArray();

    /// <summary>The messages whose Subject: line contains <paramref name="subject"/>.</summary>
    public IReadOnlyList<string> WithSubject(string subject) =>
        Messages().Where(m => SubjectOf(m).Contains(subject, StringComparison.Ordinal)).ToArray();

    /// <summary>The first message whose subject contains <paramref name="subject"/>; throws TimeoutException listing what came.</summary>
    public async Task<string> WaitFor(string subject, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (WithSubject(subject).FirstOrDefault() is { } found)
                return found;
            if (DateTimeOffset.UtcNow >= deadline)
                throw new TimeoutException($"no mail '{subject}' within {timeout.TotalSeconds:0} s; received: "
                    + string.Join(" | ", Messages().Select(SubjectOf)));
            await Task.Delay(200);
        }
    }

    /// <summary>The Subject: header, unfolded (a long one comes on several lines, each after the first starting with blanks).</summary>
    public static string SubjectOf(string message)
    {
        var lines = message[..Math.Max(0, message.IndexOf("\n\n", StringComparison.Ordinal))].Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Subject: ", StringComparison.Ordinal));
        if (start < 0)
            return "";
        var end = start + 1;
        while (end < lines.Length && lines[end].Length > 0 && lines[end][0] is ' ' or '\t')
            end++;
        return string.Concat(lines[start..end]);
    }

    /// <summary>Soft breaks removed; each run of =XX escapes decoded as the UTF-8 bytes it is (an en dash is three).</summary>
    private static string Unquote(string text) =>
        QpEscapes().Replace(text.Replace("=\n", "", StringComparison.Ordinal),
            m => System.Text.Encoding.UTF8.GetString(Convert.FromHexString(m.Value.Replace("=", "", StringComparison.Ordinal))));

    [GeneratedRegex("(=[0-9A-F]{2})+")]
    private static partial Regex QpEscapes();
}
