namespace Failover.Monitors.Drbd;

/// <summary>A line the DRBD parsers could not make sense of. Parsing goes on past it: the caller decides whether a
/// partly understood snapshot is good enough.</summary>
/// <param name="LineNumber">1-based line number in the parsed text (0 when it concerns the whole text).</param>
public sealed record DrbdParseProblem(int LineNumber, string Line, string Reason)
{
    public override string ToString() => $"line {LineNumber}: {Reason}: {Line}";
}
