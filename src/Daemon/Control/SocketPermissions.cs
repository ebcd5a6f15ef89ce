using System.Runtime.InteropServices;

namespace Failover.Daemon.Control;

/// <summary>Makes the control socket root:failover 0660 (root:root when there is no such group).</summary>
internal static partial class SocketPermissions
{
    public static void Restrict(string path)
    {
        if (UnixAccounts.GroupId(ControlAuthorization.GroupName) is { } gid)
            _ = chown(path, 0, gid); // best effort: when not root we keep our own group
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int chown(string path, int owner, int group);
}
