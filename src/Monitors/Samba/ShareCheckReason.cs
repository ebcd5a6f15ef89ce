using System.Net;

namespace Failover.Monitors.Samba;

/// <summary>
/// Says what an smbclient outcome means in words an admin acts on: "share data not found on 10.4.0.2",
/// "logon to 10.4.0.2 as probe refused: wrong user or password". Pure.
/// </summary>
internal static class ShareCheckReason
{
    public static string Up(SmbclientOutcome outcome, SambaShareCheck check, IPEndPoint server)
    {
        var where = $"share {check.Share} on {Host(server)} as {check.Account}";
        if (check.Path is not { } path)
            return $"listed {where}";
        return outcome.FileSize is { } size ? $"read {path} ({size} bytes) from {where}" : $"read {path} from {where}";
    }

    public static string Down(SmbclientOutcome outcome, SambaShareCheck check, IPEndPoint server)
    {
        var host = Host(server);
        var status = outcome.Status ?? "";
        var share = $"share {check.Share} on {host}";
        var file = check.Path ?? "";
        var logon = $"logon to {host} as {check.Account}";
        return (outcome.Stage, status) switch
        {
            (_, "NT_STATUS_IO_TIMEOUT") => $"no answer from {server} (smbclient: {status})",
            (_, "NT_STATUS_CONNECTION_RESET" or "NT_STATUS_CONNECTION_DISCONNECTED" or "NT_STATUS_END_OF_FILE")
                => $"connection to {server} lost ({Stage(outcome.Stage)}: {status})",
            (SmbclientStage.Credentials, _) => $"smbclient cannot read its auth_file {check.AuthFile}",
            (SmbclientStage.Connect, "NT_STATUS_CONNECTION_REFUSED") => $"connection refused by {server}",
            (SmbclientStage.Connect, "NT_STATUS_NETWORK_UNREACHABLE") => $"network unreachable: {server}",
            (SmbclientStage.Connect, "NT_STATUS_HOST_UNREACHABLE") => $"host unreachable: {server}",
            (SmbclientStage.Connect, _) => $"smbclient cannot connect to {server}: {status}",
            (SmbclientStage.Negotiate, _) => $"SMB negotiation with {server} failed: {status}",
            (SmbclientStage.SessionSetup, "NT_STATUS_LOGON_FAILURE") => $"{logon} refused: wrong user or password",
            (SmbclientStage.SessionSetup, "NT_STATUS_ACCOUNT_DISABLED") => $"{logon} refused: account disabled",
            (SmbclientStage.SessionSetup, "NT_STATUS_ACCOUNT_LOCKED_OUT") => $"{logon} refused: account locked out",
            (SmbclientStage.SessionSetup, "NT_STATUS_ACCOUNT_EXPIRED") => $"{logon} refused: account expired",
            (SmbclientStage.SessionSetup, "NT_STATUS_PASSWORD_EXPIRED") => $"{logon} refused: password expired",
            (SmbclientStage.SessionSetup, "NT_STATUS_PASSWORD_MUST_CHANGE") => $"{logon} refused: password must be changed",
            (SmbclientStage.SessionSetup, "NT_STATUS_ACCOUNT_RESTRICTION" or "NT_STATUS_INVALID_LOGON_HOURS" or "NT_STATUS_INVALID_WORKSTATION")
                => $"{logon} refused: account restrictions ({status})",
            (SmbclientStage.SessionSetup, _) => $"{logon} failed: {status}",
            (SmbclientStage.TreeConnect, "NT_STATUS_BAD_NETWORK_NAME") => $"share {check.Share} not found on {host}",
            (SmbclientStage.TreeConnect, "NT_STATUS_ACCESS_DENIED") => $"{share} refused to {check.Account}: access denied",
            (SmbclientStage.TreeConnect, _) => $"connecting to {share} failed: {status}",
            (SmbclientStage.OpenFile, "NT_STATUS_OBJECT_NAME_NOT_FOUND") => $"file {file} not found in {share}",
            (SmbclientStage.OpenFile, "NT_STATUS_OBJECT_PATH_NOT_FOUND") => $"folder of {file} not found in {share}",
            (SmbclientStage.OpenFile, "NT_STATUS_FILE_IS_A_DIRECTORY") => $"{file} in {share} is a folder, not a file",
            (SmbclientStage.OpenFile, "NT_STATUS_ACCESS_DENIED") => $"reading {file} in {share} refused to {check.Account}: access denied",
            (SmbclientStage.OpenFile, _) => $"reading {file} in {share} failed: {status}",
            (SmbclientStage.Listing, "NT_STATUS_ACCESS_DENIED") => $"listing {share} refused to {check.Account}: access denied",
            (SmbclientStage.Listing, _) => $"listing {share} failed: {status}",
            (SmbclientStage.Done, _) => $"smbclient reported no failure for {share}",
            _ when outcome.Line.Length == 0 => $"smbclient exited {outcome.ExitCode} on {share} and said nothing",
            _ => $"smbclient exited {outcome.ExitCode} on {share}: {outcome.Line}",
        };
    }

    /// <summary>"10.4.0.2", or "10.4.0.2:4450" when the port is not the usual one.</summary>
    private static string Host(IPEndPoint server) =>
        server.Port == SambaProbeOptions.DefaultPort ? server.Address.ToString() : server.ToString();

    private static string Stage(SmbclientStage stage) => stage switch
    {
        SmbclientStage.Connect => "connect",
        SmbclientStage.Negotiate => "negotiate",
        SmbclientStage.SessionSetup => "logon",
        SmbclientStage.TreeConnect => "share connect",
        SmbclientStage.OpenFile => "open",
        SmbclientStage.Listing => "listing",
        _ => "smbclient",
    };
}
