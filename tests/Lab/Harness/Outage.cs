namespace Failover.Lab.Tests.Harness;

/// <summary>
/// What a client saw of the VIP in a time window: the longest silence between replies (the window's
/// edges count as replies, so a service that never came back shows the whole rest of the window), the
/// echo requests lost from the last reply before the window to the last reply in it, and the replies
/// received in the window.
/// </summary>
public sealed record Outage(TimeSpan LongestGap, int Lost, int Replies)
{
    public static Outage Measure(IEnumerable<PingReply> replies, DateTimeOffset since, DateTimeOffset until)
    {
        var ordered = replies.OrderBy(r => r.At).ToArray();
        var inWindow = ordered.Where(r => r.At > since && r.At < until).ToArray();
        var instants = inWindow.Select(r => r.At).Prepend(since).Append(until).ToArray();
        var longest = instants.Zip(instants.Skip(1), (a, b) => b - a).Max();
        // Requests go out every interval whether or not replies come back, so holes in the sequence
        // numbers, counted from the last reply before the window, are losses.
        var sequences = ordered.Where(r => r.At <= since).TakeLast(1).Concat(inWindow)
            .Select(r => r.Sequence).Distinct().ToArray();
        var lost = sequences.Length == 0 ? 0 : sequences.Max() - sequences.Min() + 1 - sequences.Length;
        return new Outage(longest, lost, inWindow.Length);
    }

    public override string ToString() =>
        $"longest gap {LongestGap.TotalSeconds:0.000} s, {Lost} requests lost, {Replies} replies";
}
