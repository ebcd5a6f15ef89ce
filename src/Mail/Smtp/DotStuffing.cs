namespace Failover.Mail.Smtp;

/// <summary>
/// The DATA transparency rule (RFC 5321 §4.5.2): a line starting with "." gets a second one, so a lone
/// "." line in the message cannot end it early; then CRLF.CRLF ends the data. Bare LF and bare CR are
/// turned into CRLF, since the relay would otherwise see lines we never meant.
/// </summary>
public static class DotStuffing
{
    public static byte[] Encode(ReadOnlySpan<byte> message)
    {
        var output = new List<byte>(message.Length + 64);
        var atLineStart = true;
        for (var i = 0; i < message.Length; i++)
        {
            var b = message[i];
            if (b == (byte)'\r' || b == (byte)'\n')
            {
                if (b == (byte)'\r' && i + 1 < message.Length && message[i + 1] == (byte)'\n')
                {
                    i++;
                }
                output.Add((byte)'\r');
                output.Add((byte)'\n');
                atLineStart = true;
                continue;
            }
            if (atLineStart && b == (byte)'.')
            {
                output.Add((byte)'.');
            }
            output.Add(b);
            atLineStart = false;
        }
        if (!atLineStart)
        {
            output.Add((byte)'\r');
            output.Add((byte)'\n');
        }
        output.AddRange(".\r\n"u8);
        return [.. output];
    }
}
