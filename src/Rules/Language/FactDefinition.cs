using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Failover.Rules.Facts;

namespace Failover.Rules.Language;

/// <summary>One fact a condition can name (<c>probe.bind</c>, <c>drbd.r0.disk</c>): its kind, the words it may
/// equal, and how to read it from a snapshot.</summary>
public sealed class FactDefinition
{
    private readonly Func<GroupFacts, DateTimeOffset, FactReading> _read;

    internal FactDefinition(string name, FactKind kind, Func<GroupFacts, DateTimeOffset, FactReading> read, IReadOnlyList<string>? choices = null)
    {
        Name = name;
        Kind = kind;
        _read = read;
        Choices = choices ?? [];
    }

    /// <summary>As the catalogue spells it: lower case, probe and resource names as configured.</summary>
    public string Name { get; }

    public FactKind Kind { get; }

    /// <summary>For <see cref="FactKind.Choice"/>: the words it may equal, as DRBD or status print them.</summary>
    public IReadOnlyList<string> Choices { get; }

    internal FactReading Read(GroupFacts facts, DateTimeOffset now) => _read(facts, now);

    /// <summary>The same fact read from the peer's snapshot (unknown while there is none).</summary>
    internal FactDefinition OfPeer() => new("peer." + Name, Kind,
        (facts, now) => facts.Peer is { } peer && _read(peer, now) is var reading
            ? reading with { Shown = "peer: " + reading.Shown }
            : FactReading.Unknown("peer not known"),
        Choices);

    public bool Allows(ComparisonOperator op) =>
        Kind is FactKind.Elapsed or FactKind.Percent || Kind != FactKind.Flag && op is ComparisonOperator.Equal or ComparisonOperator.NotEqual;

    /// <summary>A comparison that reads well, for messages.</summary>
    public string Example => Kind switch
    {
        FactKind.Flag => Name,
        FactKind.Choice => $"{Name} == {Choices[0]}",
        FactKind.Address => $"{Name} == none",
        FactKind.Elapsed => $"{Name} < 10m",
        _ => $"{Name} < 50",
    };

    /// <summary>Checks a written value against this fact's kind.</summary>
    /// <param name="error">Why it does not fit, with a did-you-mean where one is close.</param>
    public Literal? ParseValue(string text, out string? error)
    {
        error = null;
        switch (Kind)
        {
            case FactKind.Choice:
                if (Choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } choice)
                    return new Literal(text, choice.ToLowerInvariant(), 0);
                var near = NameSuggestion.Closest(text, Choices);
                error = $"{Name} cannot be '{text}'" + (near is null ? "" : $" (did you mean {near}?)") + $"; it is one of {string.Join(", ", Choices)}";
                return null;
            case FactKind.Address:
                if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
                    return new Literal(text, "none", 0);
                if (IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && address.ToString() == text)
                    return new Literal(text, text, 0);
                error = $"{Name} is compared with an IPv4 address such as 10.4.0.101 or with none, not '{text}'";
                return null;
            case FactKind.Elapsed:
                if (DurationLiteral.TryParse(text, out var duration))
                    return new Literal(text, null, duration.TotalMilliseconds);
                error = $"{Name} is compared with a duration: {DurationLiteral.Syntax}, not '{text}'";
                return null;
            case FactKind.Percent:
                var digits = text.EndsWith('%') ? text[..^1] : text;
                if (double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent <= 100)
                    return new Literal(text, null, percent);
                error = $"{Name} is compared with a percentage from 0 to 100 (e.g. 99.5), not '{text}'";
                return null;
            default:
                error = $"{Name} is true or false: write '{Name}' or 'not {Name}'";
                return null;
        }
    }
}
