namespace Failover.Control;

/// <summary>The daemon's answer: Ok with a Status, a Message, a Probe or Explain reports, journal Events, or an Error a person can read.</summary>
public sealed record ControlResponse(
    bool Ok, string? Error = null, StatusReport? Status = null, string? Message = null, ProbeReport? Probe = null,
    IReadOnlyList<ExplainReport>? Explain = null, IReadOnlyList<SplitBrainReport>? SplitBrain = null,
    IReadOnlyList<EventReport>? Events = null);
