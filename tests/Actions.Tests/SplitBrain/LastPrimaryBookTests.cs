using Failover.Actions.SplitBrain;

namespace Failover.Actions.Tests.SplitBrain;

public sealed class LastPrimaryBookTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("lastprimary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_file_is_an_empty_book()
    {
        Assert.Null(LastPrimaryBook.Open(_dir).Of("r0"));
    }

    [Fact]
    public void Times_survive_a_reopen_per_resource()
    {
        var book = LastPrimaryBook.Open(_dir);
        Assert.True(book.Seen("r0", T0));
        Assert.True(book.Seen("r1", T0.AddMinutes(1)));

        var again = LastPrimaryBook.Open(_dir);

        Assert.Equal(T0, again.Of("r0"));
        Assert.Equal(T0.AddMinutes(1), again.Of("r1"));
        Assert.Equal("r0 2026-11-21T18:00:00.000Z\nr1 2026-11-21T18:01:00.000Z\n", File.ReadAllText(Path.Combine(_dir, LastPrimaryBook.FileName)));
    }

    [Fact]
    public void Rewrites_at_most_every_granularity_while_primary()
    {
        var book = LastPrimaryBook.Open(_dir);
        book.Seen("r0", T0);

        Assert.False(book.Seen("r0", T0.AddSeconds(3)));
        Assert.Equal(T0, LastPrimaryBook.Open(_dir).Of("r0"));
        Assert.True(book.Seen("r0", T0 + LastPrimaryBook.Granularity));
        Assert.Equal(T0 + LastPrimaryBook.Granularity, LastPrimaryBook.Open(_dir).Of("r0"));
    }

    [Fact]
    public void A_clock_set_back_is_written_at_once_and_bad_lines_are_skipped()
    {
        File.WriteAllText(Path.Combine(_dir, LastPrimaryBook.FileName), "garbage\nr0 not-a-time\nr1 2026-11-21T18:00:00.000Z\n");
        var book = LastPrimaryBook.Open(_dir);

        Assert.Null(book.Of("r0"));
        Assert.True(book.Seen("r1", T0.AddHours(-1)));
        Assert.Equal(T0.AddHours(-1), LastPrimaryBook.Open(_dir).Of("r1"));
    }
}
