namespace Failover.Daemon.Config;

/// <summary>A bound value and where it was written, kept for checks that span several groups.</summary>
internal readonly record struct Located<T>(T Value, TextPosition Position);
