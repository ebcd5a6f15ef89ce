namespace Failover.Daemon.Modes;

/// <summary>Who set a mode or preference (<c>ControlCaller</c> as text, or "failoverd: …" when failoverd did) and when.</summary>
public sealed record ModeMark(string SetBy, DateTimeOffset At);
