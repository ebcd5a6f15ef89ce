namespace Failover.Mail.Message;

/// <summary>A plain-text alert mail before it is rendered to RFC 5322 bytes.</summary>
public sealed record AlertMessage
{
    public required string From { get; init; }

    public required IReadOnlyList<string> To { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public required DateTimeOffset Date { get; init; }

    /// <summary>With angle brackets, e.g. from <see cref="NewMessageId"/>.</summary>
    public required string MessageId { get; init; }

    public MailEnvelope Envelope => new(From, To);

    /// <summary>A unique Message-ID under <paramref name="domain"/> (the node's name does).</summary>
    public static string NewMessageId(string domain) => $"<{Guid.NewGuid():N}@{domain}>";
}
