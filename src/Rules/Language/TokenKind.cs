namespace Failover.Rules.Language;

internal enum TokenKind
{
    /// <summary>A fact name, a value or a keyword (and, or, not): letters, digits and <c>_ . : / % -</c>.</summary>
    Word,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Open,
    Close,
    End,
}
