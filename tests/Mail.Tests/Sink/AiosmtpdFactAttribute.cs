namespace Failover.Mail.Tests.Sink;

/// <summary>A fact that needs a real SMTP server: skips, saying why, when python3-aiosmtpd is missing.
/// Runs on loopback with a free port, so it needs no root.</summary>
public sealed class AiosmtpdFactAttribute : FactAttribute
{
    public AiosmtpdFactAttribute()
    {
        if (AiosmtpdSink.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
