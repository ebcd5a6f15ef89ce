using System.Text;
using Failover.Mail.Smtp;

namespace Failover.Mail.Tests.Spool;

/// <summary>An in-memory relay: records what it accepts; <see cref="Next"/> decides each attempt's fate.</summary>
public sealed class RecordingTransport : IMailTransport
{
    public List<string> Accepted { get; } = [];

    public int Attempts { get; private set; }

    /// <summary>Returns the exception to throw for this message, or null to accept it.</summary>
    public Func<string, Exception?> Next { get; set; } = _ => null;

    public Task SendAsync(MailEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        Attempts++;
        var text = Encoding.UTF8.GetString(message.Span);
        if (Next(text) is { } failure)
        {
            throw failure;
        }
        Accepted.Add($"{envelope.From}>{string.Join(",", envelope.Recipients)}|{text}");
        return Task.CompletedTask;
    }

    public static SmtpDeliveryException Down() => new("relay 192.0.2.25:25: cannot connect: Connection refused");

    public static SmtpDeliveryException Rejected() =>
        new("relay 192.0.2.25:25 refused RCPT <x@example.test>: 550 5.1.1 User unknown",
            new SmtpReply(550, ["5.1.1 User unknown"]), refusesMessage: true);
}
