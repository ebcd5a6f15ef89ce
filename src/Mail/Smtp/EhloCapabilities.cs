namespace Failover.Mail.Smtp;

/// <summary>What a relay offers in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per line after the first.</summary>
public sealed record EhloCapabilities(bool StartTls, IReadOnlySet<string> AuthMechanisms, bool EightBitMime)
{
    public static EhloCapabilities Parse(SmtpReply ehlo)
    {
        var startTls = false;
        var eightBit = false;
        var auth = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in ehlo.Lines.Skip(1))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            var keyword = words[0].ToUpperInvariant();
            switch (keyword)
            {
                case "STARTTLS":
                    startTls = true;
                    break;
                case "8BITMIME":
                    eightBit = true;
                    break;
                case "AUTH":
                    auth.UnionWith(words.Skip(1));
                    break;
                default:
                    // Old relays advertise "AUTH=LOGIN PLAIN".
                    if (keyword.StartsWith("AUTH=", StringComparison.Ordinal))
                    {
                        auth.Add(words[0][5..]);
                        auth.UnionWith(words.Skip(1));
                    }
                    break;
            }
        }
        return new EhloCapabilities(startTls, auth, eightBit);
    }
}
