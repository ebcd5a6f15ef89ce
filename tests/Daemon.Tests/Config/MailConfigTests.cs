using Failover.Actions.Steps;
using Failover.Daemon.Config;
using Failover.Mail.Smtp;

namespace Failover.Daemon.Tests.Config;

/// <summary>The top-level mail: section and the mail chain step.</summary>
public sealed class MailConfigTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // The mail: section starts at line 7.
    private const string Base = """
        groups:
          - name: dns
            vhid: 200
            interface: eth0
            password: secret
            vips: [10.4.0.10/24]

        """;

    [Fact]
    public void Without_mail_alerts_are_not_mailed()
    {
        Assert.Null(ConfigAssert.Valid(Base).Mail);
    }

    [Fact]
    public void A_full_section_binds_every_key()
    {
        var pw = _dir.WriteFile("relay.pw", "s3cret\nignored\n", Mode0600);
        var mail = ConfigAssert.Valid(Base + $"""
            mail:
              relay: smtp.example.org:587
              tls: starttls
              pin_sha256: "AB:{new string('0', 62)}"
              user: failover
              password_file: {pw}
              from: failover@example.org
              to: [ops@example.org, oncall@example.org]
              subject_prefix: "[dns-pair]"
            """).Mail!;

        Assert.Equal("smtp.example.org", mail.Relay.Host);
        Assert.Equal(587, mail.Relay.Port);
        Assert.Equal(SmtpTlsMode.StartTls, mail.Relay.Tls);
        Assert.Equal("failover", mail.Relay.Username);
        Assert.Equal("s3cret", mail.Relay.Password);
        Assert.Equal(pw, mail.PasswordFile);
        Assert.Equal("failover@example.org", mail.From);
        Assert.Equal(["ops@example.org", "oncall@example.org"], mail.To);
        Assert.Equal("[dns-pair] ", mail.SubjectPrefix);
    }

    [Theory]
    [InlineData("starttls", "192.0.2.25", 25)]
    [InlineData("implicit", "192.0.2.25", 465)]
    [InlineData("none", "192.0.2.25:2525", 2525)]
    public void The_port_defaults_by_tls_mode(string tls, string relay, int port)
    {
        var mail = ConfigAssert.Valid(Base + $"mail: {{ relay: \"{relay}\", tls: {tls}, from: f@example.org, to: a@example.org }}\n").Mail!;

        Assert.Equal(port, mail.Relay.Port);
        Assert.Equal("[failover] ", mail.SubjectPrefix);
    }

    [Fact]
    public void The_digest_window_defaults_to_ten_minutes_and_can_be_set()
    {
        const string Mail = "mail: { relay: \"192.0.2.25:2525\", tls: none, from: f@example.org, to: a@example.org";

        Assert.Equal(TimeSpan.FromMinutes(10), ConfigAssert.Valid(Base + Mail + " }\n").Mail!.DigestWindow);
        Assert.Equal(TimeSpan.FromSeconds(20), ConfigAssert.Valid(Base + Mail + ", digest_window: 20s }\n").Mail!.DigestWindow);
        Assert.Equal(["7:101: mail digest_window must be from 1s to 24h"], ConfigAssert.Errors(Base + Mail + ", digest_window: 500ms }\n"));
    }

    [Fact]
    public void Unknown_keys_and_tls_words_get_a_did_you_mean_at_their_position()
    {
        Assert.Equal(
            [
                "8:3: unknown key 'realy' in mail (did you mean 'relay'?)",
                "8:3: missing required key 'relay' in mail",
                "9:8: tls must be one of starttls, implicit, none (did you mean 'starttls'?)",
            ],
            ConfigAssert.Errors(Base + """
                mail:
                  realy: smtp.example.org
                  tls: startls
                  from: f@example.org
                  to: [a@example.org]
                """).OrderBy(e => e.Contains("unknown", StringComparison.Ordinal) ? 0 : e.Contains("missing", StringComparison.Ordinal) ? 1 : 2));
    }

    [Fact]
    public void A_bad_address_and_a_bad_port_are_reported_where_they_are()
    {
        Assert.Equal(
            [
                "8:10: relay port must be a number from 1 to 65535 (in 'smtp.example.org:99999')",
                "9:9: from must be a mail address, e.g. failover@example.org",
                "10:23: 'not-an-address' is not a mail address",
            ],
            ConfigAssert.Errors(Base + """
                mail:
                  relay: smtp.example.org:99999
                  from: failover
                  to: [a@example.org, not-an-address]
                """));
    }

    [Fact]
    public void A_password_file_readable_by_others_is_refused()
    {
        var pw = _dir.WriteFile("relay.pw", "s3cret\n", Mode0600 | UnixFileMode.OtherRead);

        Assert.Equal(
            [$"12:18: mail password_file {pw} is readable by group or others (mode 0604); chmod 600 it"],
            ConfigAssert.Errors(Base + $"""
                mail:
                  relay: smtp.example.org
                  from: f@example.org
                  to: a@example.org
                  user: failover
                  password_file: {pw}
                """));
    }

    [Fact]
    public void A_user_without_tls_is_refused()
    {
        var pw = _dir.WriteFile("relay.pw", "s3cret\n", Mode0600);

        Assert.Contains("9:3: user and password_file need tls: starttls or implicit (a password is never sent in clear text)",
            ConfigAssert.Errors(Base + $"""
                mail:
                  tls: none
                  user: failover
                  password_file: {pw}
                  relay: smtp.example.org
                  from: f@example.org
                  to: a@example.org
                """));
    }

    [Fact]
    public void A_mail_step_binds_in_on_master_and_on_backup()
    {
        var group = ConfigAssert.Valid(Base.TrimEnd() + """

                on_master:
                  - vip
                  - mail: { subject: "dns took over", text: "this node has the VIPs" }
                on_backup:
                  - mail: { subject: "dns gave up" }
                    timeout: 2s
                  - vip
            """).Groups.Single();

        var up = Assert.IsType<MailStep>(group.OnMaster[1]);
        Assert.Equal(("dns took over", "this node has the VIPs", MailStep.DefaultTimeout), (up.Subject, up.Text, up.Timeout));
        var down = Assert.IsType<MailStep>(group.OnBackup[0]);
        Assert.Equal(("dns gave up", "", TimeSpan.FromSeconds(2)), (down.Subject, down.Text, down.Timeout));
        Assert.Equal("mail \"dns took over\"", up.Describe());
    }

    [Fact]
    public void A_mail_step_without_subject_or_with_a_misspelt_key_is_refused()
    {
        Assert.Equal(
            [
                "8:17: unknown key 'subjet' in mail (did you mean 'subject'?)",
                "8:15: missing required key 'subject' in mail",
            ],
            ConfigAssert.Errors(Base.TrimEnd() + """

                    on_master:
                      - mail: { subjet: "x" }
                """).OrderBy(e => e.Contains("unknown", StringComparison.Ordinal) ? 0 : 1));
    }
}
