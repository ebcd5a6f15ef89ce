using Failover.Lab.Tests.Harness;

namespace Failover.Lab.Tests;

public sealed class OutageTests
{
    // Real `ping -D -n -i 0.01 -W 1` output from a client while ucarp's master lost its cable.
    private static readonly string[] Fixture = File.ReadAllLines(Path.Combine(
        AppContext.BaseDirectory, "Fixtures", "ping-during-ucarp-failover.txt"));

    private static PingReply[] Replies => Fixture.Select(PingReply.TryParse).OfType<PingReply>().ToArray();

    [Fact]
    public void A_reply_line_gives_the_kernel_timestamp_to_the_microsecond_and_the_sequence()
    {
        var reply = PingReply.TryParse("[1795266716.956918] 64 bytes from 192.0.2.100: icmp_seq=205 ttl=64 time=0.282 ms");

        Assert.Equal(new PingReply(DateTimeOffset.UnixEpoch.AddTicks(17952667169569180), 205), reply);
    }

    [Theory]
    [InlineData("PING 192.0.2.100 (192.0.2.100) 56(84) bytes of data.")]
    [InlineData("ping: sendmsg: No buffer space available")]
    [InlineData("From 192.0.2.10 icmp_seq=3 Destination Host Unreachable")]
    public void Other_lines_are_not_replies(string line) => Assert.Null(PingReply.TryParse(line));

    [Fact]
    public void The_fixture_has_every_reply()
    {
        Assert.Equal(22, Replies.Length);
    }

    [Fact]
    public void The_longest_gap_is_the_silence_between_the_replies_around_the_takeover()
    {
        var replies = Replies;

        var outage = Outage.Measure(replies, replies[0].At, replies[^1].At);

        // From icmp_seq=1 at .356533 to icmp_seq=205 at .956918 (as awk computes it from the same file).
        Assert.Equal(TimeSpan.FromTicks(36003850), outage.LongestGap);
        Assert.Equal(203, outage.Lost);
        Assert.Equal(20, outage.Replies);
    }

    [Fact]
    public void A_window_without_replies_is_one_gap_from_edge_to_edge()
    {
        var since = Replies[0].At.AddMilliseconds(1);
        var until = since.AddSeconds(2);

        var outage = Outage.Measure(Replies, since, until);

        Assert.Equal(TimeSpan.FromSeconds(2), outage.LongestGap);
        Assert.Equal(0, outage.Replies);
    }

    [Fact]
    public void Edges_count_so_an_outage_that_runs_to_the_end_of_the_window_is_not_hidden()
    {
        var replies = Replies;
        var until = replies[^1].At.AddSeconds(5);

        var outage = Outage.Measure(replies, replies[^2].At.AddTicks(-1), until);

        Assert.Equal(until - replies[^1].At, outage.LongestGap);
    }
}
