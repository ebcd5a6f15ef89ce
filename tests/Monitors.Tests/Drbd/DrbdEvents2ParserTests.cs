using Failover.Monitors.Drbd;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdEvents2ParserTests
{
    [Fact]
    public void ParsesVerbObjectAndFields_ValuesMayContainColons()
    {
        Assert.True(DrbdEvents2Parser.TryParse(
            "create path name:some-resource peer-node-id:1 conn-name:some-peer local:ipv4:1.2.3.4:7789 peer:ipv4:5.6.7.8:7790 established:no",
            out var e, out _));
        Assert.Null(e.Timestamp);
        Assert.Equal(DrbdEventVerb.Create, e.Verb);
        Assert.Equal("path", e.Object);
        Assert.Equal("ipv4:1.2.3.4:7789", e["local"]);
        Assert.Equal("1", e["peer-node-id"]);
        Assert.Equal(6, e.Fields.Count);
        Assert.Null(e["missing"]);
    }

    [Fact]
    public void ExistsDashEndsTheInitialDump()
    {
        Assert.True(DrbdEvents2Parser.TryParse("exists -", out var e, out _));
        Assert.True(e.IsEndOfInitialDump);
        Assert.Empty(e.Fields);
    }

    [Fact]
    public void LeadingTimestampIsParsed()
    {
        Assert.True(DrbdEvents2Parser.TryParse(
            "2016-08-26T12:34:56.123456+02:00 change resource name:r0 role:Primary", out var e, out _));
        Assert.Equal(new DateTimeOffset(2016, 8, 26, 12, 34, 56, TimeSpan.FromHours(2)).AddTicks(1234560), e.Timestamp);
        Assert.Equal(DrbdEventVerb.Change, e.Verb);
        Assert.Equal("Primary", e["role"]);
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("frobnicate resource name:r0", "neither a verb nor a timestamp: frobnicate")]
    [InlineData("2016-08-26T12:34:56.123456+02:00", "timestamp without an event")]
    [InlineData("2016-08-26T12:34:56.123456+02:00 poke resource", "unknown verb: poke")]
    [InlineData("change", "no object")]
    [InlineData("change name:r0 role:Primary", "object expected, found name:r0")]
    [InlineData("change resource name:r0 Primary", "not a key:value pair: Primary")]
    [InlineData("change resource :Primary", "not a key:value pair: :Primary")]
    public void MalformedLinesAreReportedNotThrown(string line, string reason)
    {
        Assert.False(DrbdEvents2Parser.TryParse(line, out var e, out var error));
        Assert.Null(e);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void UnknownObjectsAndKeysPassThrough()
    {
        Assert.True(DrbdEvents2Parser.TryParse("change quantum-link name:r0 spin:up", out var e, out _));
        Assert.Equal("quantum-link", e.Object);
        Assert.Equal("up", e["spin"]);
    }

    [Fact]
    public void ParseAllSkipsBlankLinesAndNumbersProblems()
    {
        var batch = DrbdEvents2Parser.ParseAll("exists -\n\ncreate resource name:r0 role:Secondary\nbogus\r\nchange resource name:r0 role:Primary\r\n");
        Assert.Equal(3, batch.Events.Count);
        var problem = Assert.Single(batch.Problems);
        Assert.Equal(4, problem.LineNumber);
        Assert.Equal("bogus", problem.Line);
    }

    [Theory]
    [InlineData("events2-sync.test")]
    [InlineData("events2-all-create-change.test")]
    [InlineData("events2-all-create-destroy.test")]
    [InlineData("events2-all-create-helper.test")]
    [InlineData("events2-change-before-exists.test")]
    [InlineData("events2-device-create-destroy.test")]
    [InlineData("events2-may-promote-peer-role.test")]
    [InlineData("events2-promotion-score-devices.test")]
    public void EveryPlainFixtureSectionParsesCompletely(string fixture)
    {
        foreach (var (command, output) in DrbdFixture.Transcript(fixture).Where(s => !s.Command.Contains("TIME")))
        {
            var batch = DrbdEvents2Parser.ParseAll(output.Replace("^[", "\u001b"));
            Assert.Empty(batch.Problems);
            Assert.Equal(output.Split('\n').Length, batch.Events.Count);
        }
    }

    [Fact]
    public void ColourAndStatisticsSectionsGiveTheSameStatesAsPlain()
    {
        var sections = DrbdFixture.Transcript("events2-all-create-change.test");
        var plain = Model(sections[0].Output);
        Assert.Equal(plain, Model(sections[1].Output)); // --statistics: extra keys ignored
        Assert.Equal(plain, Model(sections[2].Output.Replace("^[", "\u001b"))); // --color
        var stamped = sections[3].Output.Replace("TIME", "2024-03-01T10:00:00.000000+01:00");
        Assert.Equal(plain, Model(stamped));
        Assert.All(DrbdEvents2Parser.ParseAll(stamped).Events.Where(e => !e.IsEndOfInitialDump),
            e => Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), e.Timestamp));

        static IReadOnlyList<DrbdResourceState> Model(string text)
        {
            var model = new DrbdEvents2Model();
            model.ApplyAll(DrbdEvents2Parser.ParseAll(text).Events);
            return model.States;
        }
    }
}
