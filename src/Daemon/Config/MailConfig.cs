using Failover.Mail.Smtp;

namespace Failover.Daemon.Config;

/// <summary>failover.yaml's <c>mail:</c>: the relay and who alerts go to. Absent: alerts are only logged.</summary>
/// <param name="PasswordFile">Where <see cref="SmtpRelayOptions.Password"/> was read from, for messages.</param>
public sealed record MailConfig(SmtpRelayOptions Relay, string From, IReadOnlyList<string> To, string SubjectPrefix, string? PasswordFile)
{
    public const string DefaultSubjectPrefix = "[failover] ";

    public static readonly TimeSpan DefaultDigestWindow = TimeSpan.FromMinutes(10);

    /// <summary>After a mail, more alerts of the same stream wait this long and go out as one digest.</summary>
    public TimeSpan DigestWindow { get; init; } = DefaultDigestWindow;
}
