namespace Failover.Daemon.Config;

/// <summary>The rules a CARP password must meet to interoperate with ucarp (pure; no I/O).</summary>
internal static class CarpPassword
{
    /// <summary>What is wrong with <paramref name="password"/>, or null. <paramref name="what"/> names it in the message.</summary>
    public static string? Problem(ReadOnlySpan<byte> password, string what)
    {
        if (password.IsEmpty)
            return $"{what} is empty";
        if (password.Length > GroupConfig.MaxPasswordBytes)
            return $"{what} is {password.Length} bytes; ucarp-compatible passwords are at most {GroupConfig.MaxPasswordBytes} bytes";
        // ucarp keeps the password as a C string: a NUL would silently cut it short on the peer.
        if (password.Contains((byte)0))
            return $"{what} contains a NUL byte";
        return null;
    }

    /// <summary>A password file holds the password on its first line; the line break is not part of it.</summary>
    public static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> content)
    {
        var newline = content.IndexOf((byte)'\n');
        var line = newline < 0 ? content : content[..newline];
        return line.EndsWith("\r"u8) ? line[..^1] : line;
    }
}
