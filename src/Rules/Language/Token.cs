namespace Failover.Rules.Language;

internal readonly record struct Token(TokenKind Kind, string Text, int Offset)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsAnyKeyword => IsKeyword("and") || IsKeyword("or") || IsKeyword("not");

    public bool IsComparison => Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
        or TokenKind.Greater or TokenKind.GreaterOrEqual;

    /// <summary>How messages quote it.</summary>
    public string Shown => Kind == TokenKind.End ? "the end of the condition" : $"'{Text}'";
}
