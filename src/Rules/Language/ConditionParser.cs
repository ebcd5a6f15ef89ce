namespace Failover.Rules.Language;

/// <summary>
/// Parses a <c>when:</c> condition:
/// <code>
/// condition   := conjunction ("or" conjunction)*
/// conjunction := unary ("and" unary)*
/// unary       := "not" unary | "(" condition ")" | FACT | FACT OP VALUE      OP: == != &lt; &lt;= &gt; &gt;=
/// </code>
/// Keywords ignore case. Never throws on any text: every problem comes back as a <see cref="ConditionError"/> with
/// its offset. A syntax error stops the parse; unknown names and wrong values are all collected.
/// </summary>
public sealed class ConditionParser
{
    /// <summary>Longer than any real condition; keeps a pasted file from becoming one.</summary>
    public const int MaxLength = 4096;

    // Deep enough for any real condition, shallow enough never to exhaust the stack.
    private const int MaxDepth = 32;

    private readonly string _text;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly RuleScope _scope;
    private readonly List<ConditionError> _errors = [];
    private int _next;

    private ConditionParser(string text, IReadOnlyList<Token> tokens, RuleScope scope) =>
        (_text, _tokens, _scope) = (text, tokens, scope);

    /// <param name="scope">The group's probe and DRBD resource names, which the condition may use.</param>
    public static ConditionParseResult Parse(string text, RuleScope scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scope);
        if (text.Length > MaxLength)
            return Failed(new ConditionError(MaxLength, text.Length - MaxLength, $"the condition is longer than {MaxLength} characters"));
        if (ConditionLexer.Tokenize(text, out var lexError) is not { } tokens)
            return Failed(lexError!);
        if (tokens.Count == 1)
            return Failed(new ConditionError(0, text.Length, "the condition is empty"));
        return new ConditionParser(text, tokens, scope).Run();
    }

    private static ConditionParseResult Failed(ConditionError error) => new(null, [error]);

    private ConditionParseResult Run()
    {
        Condition? condition = null;
        try
        {
            condition = Or(0).Node;
            if (Peek.Kind != TokenKind.End)
                throw Error(Peek, Peek.Kind == TokenKind.Close
                    ? "')' closes no '('"
                    : $"unexpected {Peek.Shown} after a complete condition (missing 'and' or 'or'?)");
        }
        catch (SyntaxError e)
        {
            _errors.Add(e.Error);
        }
        var errors = _errors.OrderBy(e => e.Offset).ToList();
        return new ConditionParseResult(errors.Count == 0 ? condition : null, errors);
    }

    /// <summary>A node and the span of text it was parsed from (with any parentheses around it).</summary>
    private readonly record struct Parsed(Condition Node, int Start, int End);

    /// <summary>A syntax error: unwinds the descent to <see cref="Run"/>, which reports it.</summary>
    private sealed class SyntaxError(ConditionError error) : Exception(error.Message)
    {
        public ConditionError Error { get; } = error;
    }

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private Parsed Or(int depth)
    {
        var operands = new List<Parsed> { And(depth) };
        while (Peek.IsKeyword("or"))
        {
            Take();
            operands.Add(And(depth));
        }
        return operands.Count == 1 ? operands[0] : Join(operands, (text, nodes) => new Disjunction(text, nodes));
    }

    private Parsed And(int depth)
    {
        var operands = new List<Parsed> { Unary(depth) };
        while (Peek.IsKeyword("and"))
        {
            Take();
            operands.Add(Unary(depth));
        }
        return operands.Count == 1 ? operands[0] : Join(operands, (text, nodes) => new Conjunction(text, nodes));
    }

    private Parsed Join(List<Parsed> operands, Func<string, IReadOnlyList<Condition>, Condition> make)
    {
        var (start, end) = (operands[0].Start, operands[^1].End);
        return new Parsed(make(_text[start..end], operands.Select(o => o.Node).ToArray()), start, end);
    }

    private Parsed Unary(int depth)
    {
        if (depth > MaxDepth)
            throw Error(Peek, $"the condition nests deeper than {MaxDepth} levels");
        var token = Peek;
        if (token.IsKeyword("not"))
        {
            Take();
            var operand = Unary(depth + 1);
            return new Parsed(new Negation(_text[token.Offset..operand.End], operand.Node), token.Offset, operand.End);
        }
        if (token.Kind == TokenKind.Open)
        {
            Take();
            var inner = Or(depth + 1);
            if (Peek.Kind != TokenKind.Close)
                throw Error(Peek, Peek.Kind == TokenKind.End
                    ? $"the '(' at column {token.Offset + 1} is never closed"
                    : $"expected ')', 'and' or 'or', found {Peek.Shown}");
            var close = Take();
            return inner with { Start = token.Offset, End = close.Offset + 1 };
        }
        return Fact();
    }

    private Parsed Fact()
    {
        var fact = Take();
        if (fact.Kind != TokenKind.Word || fact.IsAnyKeyword)
            throw Error(fact, fact.Kind == TokenKind.End
                ? "the condition ends where a fact was expected (such as state, link or probe.NAME)"
                : $"expected a fact (such as state, link or probe.NAME), found {fact.Shown}");
        var definition = FactCatalogue.Resolve(fact.Text, fact.Offset, _scope, _errors);
        if (!Peek.IsComparison)
        {
            if (definition is { Kind: not FactKind.Flag })
                _errors.Add(new ConditionError(fact.Offset, fact.Text.Length, $"{definition.Name} needs a comparison, e.g. {definition.Example}"));
            return Leaf(new FlagTest(fact.Text, definition!), fact.Offset);
        }

        var op = Take();
        var value = Take();
        if (value.Kind != TokenKind.Word || value.IsAnyKeyword)
            throw Error(value, $"expected a value after '{op.Text}', found {value.Shown}");
        var text = _text[fact.Offset..(value.Offset + value.Text.Length)];
        // After an error the node is a stand-in: the parse fails, so it is never evaluated.
        if (definition is null)
            return Leaf(new FlagTest(text, null!), fact.Offset);
        var comparison = Operator(op.Kind);
        if (!definition.Allows(comparison))
        {
            _errors.Add(new ConditionError(op.Offset, op.Text.Length, definition.Kind == FactKind.Flag
                ? $"{definition.Name} is true or false: write '{definition.Name}' or 'not {definition.Name}'"
                : $"{definition.Name} is compared with == or != only"));
            return Leaf(new FlagTest(text, definition), fact.Offset);
        }
        if (definition.ParseValue(value.Text, out var problem) is not { } literal)
        {
            _errors.Add(new ConditionError(value.Offset, value.Text.Length, problem!));
            return Leaf(new FlagTest(text, definition), fact.Offset);
        }
        return Leaf(new Comparison(text, definition, comparison, literal), fact.Offset);
    }

    private static Parsed Leaf(Condition node, int start) => new(node, start, start + node.Text.Length);

    private static ComparisonOperator Operator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };

    private static SyntaxError Error(Token at, string message) =>
        new(new ConditionError(at.Offset, at.Kind == TokenKind.End ? 0 : at.Text.Length, message));
}
