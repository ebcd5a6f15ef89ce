using System.Text;
using Failover.Mail;
using Failover.Mail.Smtp;

namespace Failover.Daemon.Tests.Alerts;

/// <summary>A relay that records what it is handed, or refuses with a 4xx while <see cref="Down"/>.</summary>
internal sealed class RecordingTransport : IMailTransport
{
    private readonly List<(MailEnvelope Envelope, string Message)> _sent = [];

    public volatile bool Down;

    public IReadOnlyList<(MailEnvelope Envelope, string Message)> Sent
    {
        get
        {
            lock (_sent)
                return _sent.ToArray();
        }
    }

    public Task SendAsync(MailEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (Down)
            throw new SmtpDeliveryException("relay 192.0.2.25:25 refused DATA: 451 4.3.0 try later (test)");
        lock (_sent)
            _sent.Add((envelope, Encoding.ASCII.GetString(message.Span)));
        return Task.CompletedTask;
    }
}
