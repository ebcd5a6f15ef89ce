using System.Net;

namespace Failover.Monitors.Samba;

/// <summary>Which SMB server a <see cref="SambaProbe"/> negotiates with, and which share it checks.</summary>
public sealed record SambaProbeOptions
{
    public const int DefaultPort = 445;

    /// <summary>Address and port, normally port <see cref="DefaultPort"/>.</summary>
    public required IPEndPoint Server { get; init; }

    /// <summary>The probe's own deadline, connect and reply together; keep it a little below the runner's
    /// timeout so the probe reports a silent server with its own detail.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A logon and share check with smbclient on some runs, within the same <see cref="Timeout"/>; null for none.</summary>
    public SambaShareCheck? Share { get; init; }
}
