using System.Text;
using Failover.Monitors.Samba;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>samba: { server: 10.4.0.2 }</c> (an SMB2 NEGOTIATE on port 445 every run) and, optionally,
/// <c>share: { name: data, auth_file: /etc/failover/smb.auth, path: probe.txt, every: 10 }</c>: smbclient
/// logs on with the auth file's account and lists the share (or reads <c>path</c>) on every Nth run.
/// The auth file is read here: it must be private to its owner and name a user and a password.
/// </summary>
internal static class SambaProbeBinder
{
    public const string Kind = "samba";
    public static readonly string[] Keys = ["server", "port", "share"];
    private static readonly string[] ShareKeys = ["name", "auth_file", "path", "every"];

    /// <summary>An auth file is three short lines; bounds the read if the path names something huge.</summary>
    private const int MaxAuthFileBytes = 4096;

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var server = TcpProbeBinder.Endpoint(map, Kind, SambaProbeOptions.DefaultPort, read);
        var shareNode = map.Optional("share");
        var share = shareNode is null ? null : BindShare(shareNode, read);
        if (server is null || (shareNode is not null && share is null))
            return null;
        return new SambaProbeSpec(new SambaProbeOptions { Server = server, Timeout = timeout * 0.9, Share = share });
    }

    private static SambaShareCheck? BindShare(ConfigNode node, ValueReader read)
    {
        var map = KeyedMapping.Open(node, "in samba share", ShareKeys,
            "samba share must be a mapping, e.g. share: { name: data, auth_file: /etc/failover/smb.auth }", read.Errors);
        if (map is null)
            return null;
        var name = map.Required("name") is { } n ? Checked(n, "samba share name", SambaShareCheck.ShareNameProblem, read) : null;
        var authNode = map.Required("auth_file");
        var authFile = authNode is null ? null : read.AbsolutePath(authNode, "samba share auth_file must be an absolute path");
        var account = authFile is null ? null : Account(authFile, authNode!.Position, read);
        var pathNode = map.Optional("path");
        var path = pathNode is null ? null : Checked(pathNode, "samba share path", SambaShareCheck.PathProblem, read);
        var every = map.Optional("every") is { } e
            ? read.Integer(e, 1, 10000, "samba share every must be an integer from 1 to 10000 (check the share on every Nth run)")
            : SambaShareCheck.DefaultEvery;
        if (name is null || authFile is null || account is null || (pathNode is not null && path is null) || every is null)
            return null;
        return new SambaShareCheck { Share = name, AuthFile = authFile, Account = account, Path = path, Every = every.Value };
    }

    private static string? Checked(ConfigNode node, string what, Func<string, string?> problem, ValueReader read)
    {
        if (read.Text(node, $"{what} must be a string") is not { } text)
            return null;
        if (problem(text) is not { } wrong)
            return text;
        read.Report(node.Position, $"{what} {wrong}");
        return null;
    }

    /// <returns>The account the auth file names, or null after reporting why the file cannot be used.</returns>
    private static string? Account(string path, TextPosition at, ValueReader read)
    {
        if (PrivateFile.ReadHead(path, "samba auth_file", MaxAuthFileBytes, at, read.Errors, out var ownerOnly) is not { } head)
            return null;
        if (!SmbAuthFile.TryParse(Encoding.UTF8.GetString(head), out var file, out var problem))
        {
            read.Report(at, $"samba auth_file {path} {problem} (smbclient's format: username = NAME, password = SECRET, optionally domain = NAME)");
            return null;
        }
        return ownerOnly ? file!.Account : null;
    }
}
