using System.Text.Json;
using System.Text.RegularExpressions;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Alert mail through a real MTA (Debian's exim4, <see cref="EximRelay"/>) set up as a site's relay: STARTTLS, AUTH
/// only over TLS, relaying only for an authenticated client. The faults a real MTA will not produce on demand
/// (garbage, stalls, cut replies) stay with the Mail tests' fake relay and aiosmtpd.
/// </summary>
public sealed class MailMtaLabTests(ITestOutputHelper output)
{
    private const string User = "alice";
    private const string Password = "s3cret";
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [LabFact]
    public async Task A_takeover_mail_reaches_exim_over_starttls_with_the_strongest_auth_and_a_refused_recipient_or_password_is_told_apart()
    {
        await using var lab = new NetLab(output.WriteLine);
        var mx = lab.AddNode("mx", "192.0.2.25/24");
        var tls = RelayCertificates.Create(lab, "relay-ca", mx.Address);
        var exim = await EximRelay.Start(lab, mx, tls, User, Password);
        var passwordFile = PasswordFile(lab, "relay.pw", Password);
        var wrongPasswordFile = PasswordFile(lab, "wrong.pw", "guessed");
        var mail = $"tls: starttls, ca_file: {tls.CaFile}, user: {User}";

        var good = Start(lab, "n1", 1, exim, $"{mail}, password_file: {passwordFile}", "[ops@example.test]");
        var refused = Start(lab, "n2", 2, exim, $"{mail}, password_file: {passwordFile}", "[reject-me@example.test]");
        var wrongPassword = Start(lab, "n3", 3, exim, $"{mail}, password_file: {wrongPasswordFile}", "[ops@example.test]");
        foreach (var node in new[] { good, refused, wrongPassword })
            await node.WaitForState(CarpState.Master, Election);

        // n1's takeover mail, delivered by exim: it came in over TLS, authenticated, and says what happened.
        var takeover = await exim.WaitFor("web1: n1 took over (MASTER)", MailWait);
        output.WriteLine(takeover);
        Assert.Contains("Envelope-to: ops@example.test\n", takeover);
        Assert.Contains("Auto-Submitted: auto-generated\n", takeover);
        Assert.Contains("n1 became MASTER of web1 and holds its VIPs", takeover);
        var received = exim.Log().Split('\n').Single(l => l.Contains(" <= failover@example.test ") && l.Contains("[192.0.2.1]"));
        output.WriteLine(received);
        Assert.Contains(" P=esmtpsa ", received); // ESMTP, secured, authenticated
        Assert.Matches(@" X=TLS1\.[23]:", received);
        // exim offers PLAIN, LOGIN and CRAM-MD5: the client picks the one that never sends the password.
        Assert.Contains($" A=cram:{User} ", received);
        await Poll.Until(() => Mail(good) is { Spooled: 0, DeadLetters: 0, Error: null }, TimeSpan.FromSeconds(10), "n1's spool empty, no error");

        // n2's recipient is refused with a 550: that mail will never go, so it is dead-lettered, not retried.
        await Poll.Until(() => Mail(refused) is { DeadLetters: >= 1 }, MailWait, "n2's refused mail dead-lettered");
        output.WriteLine($"n2: {Mail(refused)}");
        Assert.Matches(@"relay 192\.0\.2\.25:2525 refused RCPT <reject-me@example\.test>: 550 5\.1\.1 <reject-me@example\.test>: Recipient address rejected: User unknown",
            Mail(refused)!.Value.Error);
        Assert.Equal(0, Mail(refused)!.Value.Spooled);

        // n3's password is wrong: a configuration fault, so the mail stays spooled (retried) with exim's answer.
        await Poll.Until(() => Mail(wrongPassword) is { Spooled: >= 1, Error: not null }, MailWait, "n3 spools its mail with an error");
        output.WriteLine($"n3: {Mail(wrongPassword)}");
        Assert.Matches($@"^relay 192\.0\.2\.25:2525 refused AUTH CRAM-MD5 as {User}: 535", Mail(wrongPassword)!.Value.Error);
        Assert.Equal(0, Mail(wrongPassword)!.Value.DeadLetters);

        Assert.Equal(["Subject: [failover] web1: n1 took over (MASTER)"], exim.Messages().Select(SmtpSink.SubjectOf));
    }

    private static FailoverdNode Start(NetLab lab, string name, int index, EximRelay exim, string settings, string to)
    {
        var node = lab.AddNode(name, $"192.0.2.{index}/24");
        var group = new LabGroup { Name = $"web{index}", Vhid = (byte)(50 + index), Vips = [$"192.0.2.{100 + index}/24"] };
        return FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"mail: {{ relay: \"{exim.Endpoint}\", {settings}, from: failover@example.test, to: {to} }}\n");
    }

    private static string PasswordFile(NetLab lab, string name, string password)
    {
        var path = lab.WriteFile(name, password + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static (int Spooled, int DeadLetters, string? Error)? Mail(FailoverdNode node)
    {
        using var status = node.Status();
        return status.RootElement.TryGetProperty("mail", out var mail)
            ? (mail.GetProperty("spooled").GetInt32(), mail.TryGetProperty("dead_letters", out var d) ? d.GetInt32() : -1,
                mail.TryGetProperty("last_error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)
            : null;
    }
}
