namespace Failover.Monitors.Samba;

/// <summary>How far smbclient got, as its output tells.</summary>
public enum SmbclientStage
{
    /// <summary>Every command ran.</summary>
    Done,

    /// <summary>It could not read its authentication file.</summary>
    Credentials,

    /// <summary>The TCP connect ("do_connect: Connection to … failed").</summary>
    Connect,

    /// <summary>The SMB NEGOTIATE ("protocol negotiation failed").</summary>
    Negotiate,

    /// <summary>The logon ("session setup failed").</summary>
    SessionSetup,

    /// <summary>Connecting to the share ("tree connect failed").</summary>
    TreeConnect,

    /// <summary>Opening the file to read ("… opening remote file").</summary>
    OpenFile,

    /// <summary>Listing the share's root ("… listing").</summary>
    Listing,

    /// <summary>It exited non-zero saying nothing we know.</summary>
    Unknown,
}
