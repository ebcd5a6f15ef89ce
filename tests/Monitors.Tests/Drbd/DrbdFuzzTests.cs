using Failover.Monitors.Drbd;

namespace Failover.Monitors.Tests.Drbd;

/// <summary>Random and mutated input must never throw, and must come back as problems rather than silent garbage.</summary>
public sealed class DrbdFuzzTests
{
    private static readonly string[] ProcFixtures =
    [
        "proc-8.4.3-node_exporter.txt", "proc-8.2.4-connected-usersguide.txt", "proc-8.3.8-synctarget-majorio.txt",
        "proc-8.3.8-syncsource-checkmk.txt", "proc-8.3.8-stalled-checkmk.txt", "proc-8.4.0-splitbrain-node2.txt",
    ];

    private const string Alphabet = " \t\n:/%()[]=>.,-0123456789abcdefKM'csrodtnp\u001b\0";

    [Fact]
    public void ProcParserSurvivesRandomText()
    {
        var random = new Random(1234);
        for (var i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(200)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var s = ProcDrbdParser.Parse(text);
            Assert.NotNull(s.Resources);
        }
    }

    [Fact]
    public void ProcParserSurvivesMutatedFixtures()
    {
        var random = new Random(42);
        foreach (var fixture in ProcFixtures)
        {
            var original = DrbdFixture.Text(fixture);
            for (var i = 0; i < 1000; i++)
            {
                var s = ProcDrbdParser.Parse(Mutate(original, random));
                Assert.All(s.Resources, r => Assert.True(r.SyncPercent is null or >= 0 and <= 100));
            }
        }
    }

    [Fact]
    public void Events2SurvivesRandomAndMutatedLines()
    {
        var random = new Random(7);
        var lines = DrbdFixture.Events2("events2-sync.test").Split('\n')
            .Concat(DrbdFixture.Events2("events2-all-create-change.test").Split('\n')).ToArray();
        var model = new DrbdEvents2Model();
        for (var i = 0; i < 20000; i++)
        {
            var line = i % 3 == 0
                ? new string(Enumerable.Range(0, random.Next(80)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray())
                : Mutate(lines[random.Next(lines.Length)], random);
            if (DrbdEvents2Parser.TryParse(line, out var e, out var error)) model.Apply(e);
            else Assert.False(string.IsNullOrEmpty(error));
        }
        Assert.All(model.States, s => Assert.True(s.SyncPercent is null or >= 0 and <= 100));
    }

    [Fact]
    public void TruncatedFixturesNeverThrow()
    {
        foreach (var fixture in ProcFixtures)
        {
            var text = DrbdFixture.Text(fixture);
            for (var n = 0; n <= text.Length; n++) ProcDrbdParser.Parse(text[..n]);
        }
        var events = DrbdFixture.Events2("events2-sync.test");
        for (var n = 0; n <= events.Length; n++) new DrbdEvents2Model().ApplyAll(DrbdEvents2Parser.ParseAll(events[..n]).Events);
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits && chars.Count > 0; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1: chars.RemoveAt(at); break;
                default: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
            }
        }
        return new string(chars.ToArray());
    }
}
