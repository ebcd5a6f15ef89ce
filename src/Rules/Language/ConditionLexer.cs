namespace Failover.Rules.Language;

/// <summary>Splits a condition into words and operators. Words take every character a fact name or value needs
/// (<c>probe.bind</c>, <c>10.4.0.1</c>, <c>r0/1</c>, <c>30s</c>, <c>99.5%</c>, <c>taken-over</c>), so there is no
/// arithmetic, and nothing else to learn.</summary>
internal static class ConditionLexer
{
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '/' or '%' or '-';

    /// <returns>The tokens, ending with <see cref="TokenKind.End"/>; or null and the error at the first character that
    /// belongs to no token.</returns>
    public static IReadOnlyList<Token>? Tokenize(string text, out ConditionError? error)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                    i++;
                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            var (kind, length, problem) = (c, two) switch
            {
                (_, "==") => (TokenKind.Equal, 2, null),
                (_, "!=") => (TokenKind.NotEqual, 2, null),
                (_, "<=") => (TokenKind.LessOrEqual, 2, null),
                (_, ">=") => (TokenKind.GreaterOrEqual, 2, null),
                ('<', _) => (TokenKind.Less, 1, null),
                ('>', _) => (TokenKind.Greater, 1, null),
                ('(', _) => (TokenKind.Open, 1, null),
                (')', _) => (TokenKind.Close, 1, null),
                (_, "&&") => (TokenKind.End, 2, "write 'and' instead of '&&'"),
                (_, "||") => (TokenKind.End, 2, "write 'or' instead of '||'"),
                ('!', _) => (TokenKind.End, 1, "write 'not' instead of '!'"),
                ('=', _) => (TokenKind.End, 1, "write '==' to compare"),
                ('"' or '\'', _) => (TokenKind.End, 1, "values are written without quotes (quote the whole condition in YAML instead)"),
                _ => (TokenKind.End, 1, $"unexpected character '{Printable(c)}'"),
            };
            if (problem is not null)
            {
                error = new ConditionError(i, length, problem);
                return null;
            }
            tokens.Add(new Token(kind, text.Substring(i, length), i));
            i += length;
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        error = null;
        return tokens;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
