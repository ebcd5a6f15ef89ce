using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary><c>- mail: { subject, text }</c>: posts an alert to the mail spool. Spooling is success: a dead
/// relay never fails a chain (the spool delivers later).</summary>
public sealed record MailStep(string Subject, string Text, TimeSpan Timeout) : ChainStep(Timeout)
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);

    public override string Describe() => $"mail \"{Subject}\"";
}
