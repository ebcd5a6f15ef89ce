using Failover.Control;
using Failover.Daemon.Alerts;

namespace Failover.Daemon.Runtime;

public sealed partial class FailoverDaemon
{
    /// <summary>The mail part of status: null when alerts are not mailed.</summary>
    private static MailReport? MailReportOf(DaemonMail? mail) =>
        mail is { Mails: true }
            ? new MailReport(mail.Relay!, mail.Spooled, mail.DeadLetters, mail.LastError, mail.LastErrorAt, mail.NextAttemptAt)
            : null;
}
