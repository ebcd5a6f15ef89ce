using System.Text;
using System.Text.RegularExpressions;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Alert mail end to end: a failoverd pair and a real SMTP server (aiosmtpd's Maildir handler) in its own
/// lab node. The node that takes over mails the takeover; with the relay down the mail waits in the spool
/// and goes out once the relay is back, across a failoverd restart.
/// </summary>
public sealed partial class MailLabTests(ITestOutputHelper output)
{
    private const string Relay = "192.0.2.25:2525";
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    [LabFact]
    public async Task The_node_that_takes_over_mails_it_and_a_mail_spooled_while_the_relay_is_down_goes_out_after_a_restart()
    {
        await using var lab = new NetLab(output.WriteLine);
        var mx = lab.AddNode("mx", "192.0.2.25/24");
        var maildir = Path.Combine(lab.WorkDirectory, "maildir");
        var sink = await StartSink(lab, mx, maildir);
        var n1 = StartNode(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Preempt = true,
            OnMasterSteps = ["vip", "{ mail: { subject: \"web is up on n1\", text: \"n1 serves 192.0.2.100\" } }"],
            Rules = ["{ name: serving, when: \"state == master\", then: [{ notify: \"n1 serves web\" }] }"],
        });
        await n1.WaitForState(CarpState.Master, Election);
        var n2Node = lab.AddNode("n2", "192.0.2.2/24");
        var n2 = StartNode(lab, n2Node, new LabGroup { AdvSkew = 50, Preempt = true });
        await Poll.UntilSteady(() => n1.HoldsVip() && n2.State == CarpState.Backup, TimeSpan.FromSeconds(2.5), Election, "n1 master, n2 backup");
        await WaitForMail(maildir, "web: n1 took over (MASTER)");
        var step = await WaitForMail(maildir, "Subject: [failover] web is up on n1");
        Assert.Contains("What:  n1 serves 192.0.2.100", step);
        var notify = await WaitForMail(maildir, "Subject: [failover] web: n1 serves web (n1)");
        Assert.Contains("Why:   rule serving fired (notify)", notify);
        // Starting up in BACKUP is no news: only a node that was MASTER mails that it left.
        Assert.DoesNotContain(MailFiles(maildir), m => m.Contains("left MASTER", StringComparison.Ordinal));

        await n1.Stop();
        await n2.WaitForState(CarpState.Master, Election);
        var takeover = await WaitForMail(maildir, "web: n2 took over (MASTER)");
        output.WriteLine(takeover);
        Assert.Contains("Subject: [failover] web: n2 took over (MASTER)", takeover);
        Assert.Contains("From: failover@example.test", takeover);
        Assert.Contains("What:  n2 became MASTER of web and holds its VIPs", takeover);
        Assert.Contains("Node:  n2", takeover);
        Assert.Matches(new Regex(@"Why:\s+BACKUP -> MASTER: \S"), takeover);
        Assert.Contains("Chain on_master:", takeover);
        Assert.Matches(new Regex(@"1\. vip add\s+\d+ ms\s+OK: added 192\.0\.2\.100/24"), takeover);
        Assert.Contains("n2  MASTER since", takeover);
        // The stopped master said so on its way out (its mail step to the relay came before its exit).
        var left = await WaitForMail(maildir, "web: n1 left MASTER");
        Assert.Matches(new Regex(@"Why:\s+MASTER -> BACKUP: shutdown"), left);
        Assert.Contains("What:  n1 gave up the VIPs of web", left);

        // Relay down: the admin command's mail waits in the spool, and status says why.
        await sink.Stop();
        Assert.True(n2.Ctl("clear", "web").Succeeded);
        await Poll.Until(() => MailStatus(n2) is { Spooled: >= 1, Error: not null }, TimeSpan.FromSeconds(15), "the clear mail spooled with an error");
        output.WriteLine($"spool: {MailStatus(n2)}");
        var text = n2.Ctl("status");
        Assert.Matches(new Regex(@"mail 192\.0\.2\.25:2525: \d+ spooled"), text.StdOut);
        Assert.Contains("last error", text.StdOut);
        Assert.DoesNotContain(MailFiles(maildir), m => m.Contains("web: clear on n2", StringComparison.Ordinal));

        // failoverd restarts while the relay is still down; the relay comes back; the spool tries at once at start.
        await n2.Stop();
        sink = await StartSink(lab, mx, maildir);
        n2 = StartNode(lab, n2Node, new LabGroup { AdvSkew = 50, Preempt = true });
        // The spool is sent before the control socket opens: wait for the socket before asking for status.
        await n2.Process.WaitForLine(l => l.Contains("started as node", StringComparison.Ordinal), "n2 serving its control socket", TimeSpan.FromSeconds(30));
        var cleared = await WaitForMail(maildir, "web: clear on n2");
        Assert.Contains("What:  failoverctl clear of group web on n2", cleared);
        Assert.Matches(new Regex(@"Why:\s+requested by \S"), cleared);
        await Poll.Until(() => MailStatus(n2) is { Spooled: 0 }, TimeSpan.FromSeconds(10), "the spool empty");
    }

    private static FailoverdNode StartNode(NetLab lab, LabNode node, LabGroup group) =>
        FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"mail: {{ relay: \"{Relay}\", tls: none, from: failover@example.test, to: [ops@example.test] }}\n");

    private static async Task<LabProcess> StartSink(NetLab lab, LabNode mx, string maildir)
    {
        var sink = lab.Start(mx, ["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", Relay, "-c", "aiosmtpd.handlers.Mailbox", maildir]);
        await Poll.Until(() => lab.Exec(mx, "ss", "-ltn").StdOut.Contains(Relay, StringComparison.Ordinal), TimeSpan.FromSeconds(15), "aiosmtpd listening");
        return sink;
    }

    private static (int Spooled, string? Error)? MailStatus(FailoverdNode node)
    {
        using var status = node.Status();
        if (!status.RootElement.TryGetProperty("mail", out var mail))
            return null;
        return (mail.GetProperty("spooled").GetInt32(), mail.TryGetProperty("last_error", out var e) ? e.GetString() : null);
    }

    private static async Task<string> WaitForMail(string maildir, string subject)
    {
        string? found = null;
        await Poll.Until(() => (found = MailFiles(maildir).FirstOrDefault(m => m.Contains(subject, StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(30), $"a mail '{subject}' in the sink");
        return found!;
    }

    /// <summary>Every delivered message, quoted-printable soft breaks and escapes undone.</summary>
    private static IEnumerable<string> MailFiles(string maildir)
    {
        var delivered = Path.Combine(maildir, "new");
        if (!Directory.Exists(delivered))
            return [];
        return Directory.GetFiles(delivered).Select(f => Unquote(File.ReadAllText(f)));
    }

    private static string Unquote(string text) =>
        QpEscape().Replace(text.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal),
            m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex QpEscape();
}
