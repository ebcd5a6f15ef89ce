namespace Failover.Daemon.Alerts;

/// <summary>Where alerts go: the mail spool, or only the log when failover.yaml has no <c>mail:</c>.
/// Never throws: a spool that cannot write is logged.</summary>
public interface IAlertOutbox
{
    /// <summary>False when alerts are only logged.</summary>
    bool Mails { get; }

    void Post(Alert alert);
}
