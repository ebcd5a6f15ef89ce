namespace Failover.Daemon.Config;

/// <param name="Raw">The scalar as written in the file (quotes, block header and indentation included), from
/// <see cref="ConfigNode.Position"/> on; null when not known.</param>
internal sealed record ScalarNode(TextPosition Position, string Value, bool IsPlain, string? Raw = null) : ConfigNode(Position)
{
    // YAML 1.2 core schema nulls; a quoted "" or "null" is a string, not a null.
    public override bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// Where the character at <paramref name="offset"/> of <see cref="Value"/> is in the file, so an error inside a
    /// value (a rule's condition) points at its token. YAML changes only whitespace between the text and the value
    /// (folding, indentation) apart from quotes, block headers and escapes, so the Nth non-blank character of the
    /// value is the Nth of the text after the opening quote or header line. When that does not match (escapes), the
    /// start of the scalar is the best answer.
    /// </summary>
    public TextPosition PositionAt(int offset)
    {
        if (Raw is null || offset < 0 || offset > Value.Length)
            return Position;
        var atEnd = offset == Value.Length || char.IsWhiteSpace(Value[offset]);
        // The token before an end-of-text or blank position: its last character, then one column further.
        var target = atEnd ? LastNonBlankBefore(offset) : offset;
        if (target < 0)
            return Position;
        var nth = Value[..target].Count(c => !char.IsWhiteSpace(c));
        var start = Raw switch
        {
            ['"' or '\'', ..] => 1,
            ['|' or '>', ..] => Raw.IndexOf('\n') + 1,
            _ => 0,
        };
        if (start == 0 && Raw is ['|' or '>', ..])
            return Position;
        for (var i = start; i < Raw.Length; i++)
        {
            if (char.IsWhiteSpace(Raw[i]) || nth-- > 0)
                continue;
            if (Raw[i] != Value[target])
                return Position;
            var at = Advance(i);
            return atEnd ? at with { Column = at.Column + 1 } : at;
        }
        return Position;
    }

    private int LastNonBlankBefore(int offset)
    {
        var i = offset - 1;
        while (i >= 0 && char.IsWhiteSpace(Value[i]))
            i--;
        return i;
    }

    private TextPosition Advance(int rawIndex)
    {
        var (line, column) = (Position.Line, Position.Column);
        for (var i = 0; i < rawIndex; i++)
            (line, column) = Raw![i] == '\n' ? (line + 1, 1) : (line, column + 1);
        return new TextPosition(line, column);
    }
}
