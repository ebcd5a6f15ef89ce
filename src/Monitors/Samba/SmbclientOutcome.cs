namespace Failover.Monitors.Samba;

/// <summary>One smbclient run, read from its output.</summary>
/// <param name="Stage">Where it stopped; <see cref="SmbclientStage.Done"/> when all went well.</param>
/// <param name="Status">The NT status it printed for the failure ("NT_STATUS_LOGON_FAILURE"), or null.</param>
/// <param name="Line">The line that told, made printable and cut short; for an unknown failure the last
/// line it printed.</param>
/// <param name="FileSize">The size of the file it read ("getting file \x of size 6 as …"), or null.</param>
/// <param name="ExitCode">smbclient's exit code.</param>
public readonly record struct SmbclientOutcome(SmbclientStage Stage, string? Status, string Line, long? FileSize, int ExitCode)
{
    public bool Succeeded => Stage == SmbclientStage.Done;
}
