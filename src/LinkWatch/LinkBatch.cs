namespace Failover.LinkWatch;

/// <summary>What one netlink receive buffer held: link reports in order, and news of our dump.</summary>
/// <param name="DumpError">The errno (positive) when <paramref name="Dump"/> is <see cref="DumpProgress.Failed"/>, else 0.</param>
/// <param name="DumpInterrupted">A message of our dump carried NLM_F_DUMP_INTR: links changed while the kernel
/// walked them, so the dump may be inconsistent and must be repeated.</param>
internal sealed record LinkBatch(IReadOnlyList<LinkReport> Reports, DumpProgress Dump, int DumpError, bool DumpInterrupted);
