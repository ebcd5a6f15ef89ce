namespace Failover.Remote.Ssh;

/// <summary>
/// Quotes argv words for a POSIX shell, the one sshd hands the command line to on the peer: ssh joins its
/// command words with spaces, so each word must reach the remote shell as exactly one word, unexpanded.
/// </summary>
public static class ShellWords
{
    /// <summary>Single quotes around everything; an embedded ' closes the quote, adds \' and reopens it.
    /// Words made only of characters no shell treats specially are left bare, for readable logs.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(IsPlain))
            return word;
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The words quoted and joined by single spaces: one remote command line.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or ':' or '@' or '+' or '=' or '%';
}
