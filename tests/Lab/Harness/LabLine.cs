namespace Failover.Lab.Tests.Harness;

/// <summary>
/// One line a lab process wrote, stamped when the harness read it. <see cref="Index"/> is its place in
/// the process's output: pass <c>Index + 1</c> as <c>startAt</c> to wait for the lines after it.
/// </summary>
public sealed record LabLine(int Index, DateTimeOffset At, bool IsError, string Text)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {(IsError ? "err" : "out")} {Text}";
}
