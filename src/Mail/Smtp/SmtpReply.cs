namespace Failover.Mail.Smtp;

/// <summary>One SMTP reply: its three-digit code and the text of each line (without code and separator).</summary>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 400;

    /// <summary>5xx: the relay will never accept this, retrying is pointless.</summary>
    public bool IsPermanentFailure => Code is >= 500 and < 600;

    /// <summary>The reply as the relay wrote it, lines joined with " / ", for error messages.</summary>
    public override string ToString() =>
        Lines.Count == 0 ? Code.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{Code} {string.Join(" / ", Lines)}".TrimEnd();
}
