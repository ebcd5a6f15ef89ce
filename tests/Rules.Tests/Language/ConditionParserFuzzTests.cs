using System.Text;
using Failover.Rules.Language;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Language;

/// <summary>Random and mutated texts: the parser answers every one with a condition or located errors, never an
/// exception, and whatever it accepts evaluates without one.</summary>
public sealed class ConditionParserFuzzTests
{
    private static readonly string[] Pieces =
    [
        "state", "==", "!=", "<", "<=", ">", ">=", "(", ")", "and", "or", "not", "AND", "master", "backup", "none", "up", "down",
        "probe.bind", "probe.", "probe.bind.since", "drbd.r0.disk", "drbd.r0", "drbd.r0.sync", "drbd.r0.split_brain", "drbd.r1/1.role",
        "UpToDate", "10m", "0ms", "999999999999h", "8760000h", "99.5", "100%", "101", "10.4.0.1", "peer.", "peer.state", "since_transition", "maintenance",
        "..", ".", "&&", "||", "!", "=", "\"", "'", "%", "-", ":", "/", " ", " ", " ", "\t", "\n", "é", "\0", "\uD800", "🙂", "#",
    ];

    private static readonly string[] Valid =
    [
        "state == master and (probe.bind == down or probe.dhcpd == down)",
        "drbd.r0.split_brain or drbd.r0.connection == StandAlone",
        "not in_sync and since_transition < 10m",
        "peer.state == master and master != none",
        "drbd.r0.sync >= 99.5% and probe.bind.since > 30s",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_texts(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 14);
            for (var j = 0; j < count; j++)
            {
                text.Append(random.Next(8) == 0 ? (char)random.Next(0, 0x3000) : Pieces[random.Next(Pieces.Length)]);
                if (random.Next(3) > 0)
                    text.Append(' ');
            }
            Check(text.ToString());
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Mutated_valid_conditions(int seed)
    {
        var random = new Random(seed);
        foreach (var valid in Valid)
            Check(valid);
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(Valid[random.Next(Valid.Length)]);
            for (var m = random.Next(1, 4); m > 0 && text.Length > 0; m--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(5))
                {
                    case 0:
                        text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, Pieces[random.Next(Pieces.Length)]);
                        break;
                    case 2:
                        text[at] = (char)random.Next(32, 127);
                        break;
                    case 3:
                        text.Length = at;
                        break;
                    default:
                        text.Insert(at, text.ToString(at, Math.Min(8, text.Length - at)));
                        break;
                }
            }
            Check(text.ToString());
        }
    }

    [Fact]
    public void Very_deep_and_very_long_texts()
    {
        Check(new string('(', 100_000));
        Check(new string('(', 4000));
        Check(string.Concat(Enumerable.Repeat("(not ", 800)));
        Check(string.Concat(Enumerable.Repeat("not ", 2000)) + "maintenance");
        Check(string.Join(" and ", Enumerable.Repeat("maintenance", 800)));
        Check(new string('a', 5000));
    }

    private static void Check(string text)
    {
        ConditionParseResult result;
        try
        {
            result = ConditionParser.Parse(text, Sample.Scope);
        }
        catch (Exception e)
        {
            Assert.Fail($"Parse threw {e.GetType().Name} on \"{text}\": {e.Message}");
            return;
        }
        if (!result.Ok)
        {
            Assert.Null(result.Condition);
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e =>
            {
                Assert.InRange(e.Offset, 0, text.Length);
                Assert.True(e.Length >= 0 && e.Offset + e.Length <= text.Length, $"error {e} out of \"{text}\"");
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            });
            return;
        }
        Assert.Empty(result.Errors);
        Assert.Contains(result.Condition!.Text, text);
        foreach (var facts in new[] { Sample.Master(), Sample.Backup() with { Peer = Sample.Master() } })
        {
            var seen = new List<ConditionExplanation>();
            result.Condition.Evaluate(new FactContext(facts, Sample.T0, seen));
            Assert.All(seen, s => Assert.Contains(s.Text, text));
        }
    }
}
