using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Failover.Daemon.Config;

/// <summary>
/// Turns YamlDotNet's parser events into a <see cref="ConfigNode"/> tree with positions.
/// Reports what the parser itself accepts but a configuration must not have: duplicate keys,
/// non-scalar keys, unknown aliases, more than one document.
/// </summary>
internal sealed class YamlTreeReader
{
    // Deep enough for any real configuration, shallow enough never to exhaust the stack.
    private const int MaxDepth = 64;

    private readonly IParser _parser;
    private readonly string _text;
    private readonly List<Located<string>> _problems = [];
    private readonly Dictionary<string, ConfigNode> _anchors = [];
    private readonly Stack<(TextPosition Position, string Closer)> _openFlows = new();
    private TextPosition _lastEnd = TextPosition.Start;

    private YamlTreeReader(IParser parser, string text) => (_parser, _text) = (parser, text);

    /// <summary>
    /// Reads the first document. Returns false on a YAML syntax error, after adding exactly that one error;
    /// <paramref name="root"/> is null for a file with no document at all (empty or only comments).
    /// </summary>
    public static bool TryRead(string text, ConfigErrorCollector errors, out ConfigNode? root)
    {
        var reader = new YamlTreeReader(new Parser(new StringReader(text)), text);
        try
        {
            root = reader.ReadStream();
        }
        catch (YamlException e)
        {
            var at = TextPosition.From(e.Start);
            // For a tab in the indentation YamlDotNet points at the start of the enclosing mapping,
            // possibly far above; the tab itself is what the admin has to find.
            if (e.Message.Contains("tab", StringComparison.Ordinal) && FirstIndentingTab(text, at) is { } tab)
                at = tab;
            errors.Add(at, $"YAML syntax error: {e.Message}");
            root = null;
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this instead of a YamlException for some unterminated flow
            // collections ("a: [1, 2" followed by more lines); point at the unclosed bracket.
            var (at, message) = reader._openFlows.TryPeek(out var open)
                ? (open.Position, $"YAML syntax error: this flow collection is never closed with '{open.Closer}'")
                : (reader._lastEnd, "YAML syntax error after this point");
            errors.Add(at, message);
            root = null;
            return false;
        }

        foreach (var problem in reader._problems)
            errors.Add(problem.Position, problem.Value);
        return true;
    }

    private static TextPosition? FirstIndentingTab(string text, TextPosition from)
    {
        var lines = text.Split('\n');
        for (var i = from.Line - 1; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return new TextPosition(i + 1, tab + 1);
        }
        return null;
    }

    private ConfigNode? ReadStream()
    {
        Next<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
            return null;

        Next<DocumentStart>();
        var root = ReadNode(depth: 0);
        Next<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
            Problem(TextPosition.From(second.Start), "only one YAML document is allowed; remove this '---' and what follows or merge it into the first");
        return root;
    }

    private ConfigNode ReadNode(int depth)
    {
        var start = _parser.Current ?? throw new InvalidOperationException("no parser event");
        var at = TextPosition.From(start.Start);
        if (depth > MaxDepth)
            throw new SemanticErrorException(start.Start, start.End, $"nesting deeper than {MaxDepth} levels");

        ConfigNode node = start switch
        {
            Scalar s => Consume(new ScalarNode(at, s.Value, s.Style == ScalarStyle.Plain, Raw(s))),
            AnchorAlias alias => Consume(ResolveAlias(alias, at)),
            SequenceStart seq => ReadSequence(seq, at, depth),
            MappingStart map => ReadMapping(map, at, depth),
            _ => throw new SemanticErrorException(start.Start, start.End, $"unexpected {start.GetType().Name}"),
        };

        if (start is NodeEvent { Anchor.IsEmpty: false } anchored)
            _anchors[anchored.Anchor.Value] = node;
        return node;
    }

    private SequenceNode ReadSequence(SequenceStart seq, TextPosition at, int depth)
    {
        Enter(seq.Style == SequenceStyle.Flow, at, "]");
        var items = new List<ConfigNode>();
        while (!_parser.Accept<SequenceEnd>(out _))
            items.Add(ReadNode(depth + 1));
        Leave<SequenceEnd>(seq.Style == SequenceStyle.Flow);
        return new SequenceNode(at, items);
    }

    private MappingNode ReadMapping(MappingStart map, TextPosition at, int depth)
    {
        Enter(map.Style == MappingStyle.Flow, at, "}");
        var entries = new List<MappingEntry>();
        var seen = new Dictionary<string, TextPosition>();
        while (!_parser.Accept<MappingEnd>(out _))
        {
            var key = ReadNode(depth + 1);
            var value = ReadNode(depth + 1);
            if (key is not ScalarNode scalarKey)
            {
                Problem(key.Position, "a key must be a plain word, not a list or a mapping");
            }
            else if (seen.TryGetValue(scalarKey.Value, out var first))
            {
                Problem(key.Position, $"duplicate key '{scalarKey.Value}' (first given at line {first.Line}, column {first.Column})");
            }
            else
            {
                seen.Add(scalarKey.Value, key.Position);
                entries.Add(new MappingEntry(scalarKey, value));
            }
        }
        Leave<MappingEnd>(map.Style == MappingStyle.Flow);
        return new MappingNode(at, entries);
    }

    /// <summary>The scalar as written, for positions inside its value.</summary>
    private string? Raw(Scalar scalar) =>
        scalar.Start.Index >= 0 && scalar.End.Index <= _text.Length && scalar.Start.Index <= scalar.End.Index
            ? _text[(int)scalar.Start.Index..(int)scalar.End.Index]
            : null;

    private ConfigNode ResolveAlias(AnchorAlias alias, TextPosition at)
    {
        if (_anchors.TryGetValue(alias.Value.Value, out var target))
            return target;
        Problem(at, $"unknown alias '*{alias.Value.Value}': no anchor '&{alias.Value.Value}' before it");
        return new ScalarNode(at, "", IsPlain: true);
    }

    private void Enter(bool isFlow, TextPosition at, string closer)
    {
        _parser.MoveNext();
        if (isFlow)
            _openFlows.Push((at, closer));
    }

    private void Leave<TEnd>(bool isFlow) where TEnd : ParsingEvent
    {
        Next<TEnd>();
        if (isFlow)
            _openFlows.Pop();
    }

    private T Consume<T>(T node)
    {
        _lastEnd = TextPosition.From(_parser.Current!.End);
        _parser.MoveNext();
        return node;
    }

    private void Next<T>() where T : ParsingEvent
    {
        var current = _parser.Consume<T>();
        _lastEnd = TextPosition.From(current.End);
    }

    private void Problem(TextPosition at, string message) => _problems.Add(new Located<string>(message, at));
}
