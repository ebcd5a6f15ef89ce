using System.Text;
using Failover.Monitors.Processes;
using Xunit;

namespace Failover.Monitors.Tests.Processes;

public sealed class BoundedLineSplitterTests
{
    private static List<string> Feed(BoundedLineSplitter splitter, params string[] chunks)
    {
        var lines = new List<string>();
        foreach (var chunk in chunks) splitter.Feed(Encoding.UTF8.GetBytes(chunk), lines);
        return lines;
    }

    [Fact]
    public void Lines_split_across_chunks_come_out_whole()
    {
        var splitter = new BoundedLineSplitter(64);
        Assert.Equal(["exists -", "change resource name:r0 role:Primary", ""],
            Feed(splitter, "exi", "sts -\r\nchange resource name:r0 ", "role:Primary\n\nchange dev"));
        Assert.Equal("change dev", splitter.TakeRest());
        Assert.Null(splitter.TakeRest());
    }

    [Fact]
    public void An_overlong_line_is_dropped_whole_and_the_next_one_kept()
    {
        var splitter = new BoundedLineSplitter(16);
        var lines = Feed(splitter, "short\n", new string('x', 10), new string('y', 10), "zz\nnext line\n", new string('w', 40));
        Assert.Equal(["short", "next line"], lines);
        Assert.Equal(2, splitter.Overlong);
        Assert.Null(splitter.TakeRest()); // being dropped
        Assert.Equal(["after"], Feed(splitter, "after\n"));
    }

    [Fact]
    public void A_line_of_exactly_the_cap_is_kept()
    {
        var splitter = new BoundedLineSplitter(4);
        Assert.Equal(["abcd"], Feed(splitter, "abcd\n"));
        Assert.Equal(0, splitter.Overlong);
    }

    [Fact]
    public void Utf8_split_inside_a_character_is_decoded_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("café\n");
        var splitter = new BoundedLineSplitter(64);
        var lines = new List<string>();
        splitter.Feed(bytes.AsSpan(0, 4), lines);
        splitter.Feed(bytes.AsSpan(4), lines);
        Assert.Equal(["café"], lines);
    }
}
