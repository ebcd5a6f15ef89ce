using System.Runtime.InteropServices;

namespace Failover.Daemon.Control;

/// <summary>Makes the control socket root:failover 0660 (root:root when there is no such group).</summary>
internal static partial class SocketPermissions
{
    public const string GroupName = "failover";

    public static void Restrict(string path)
    {
        if (UnixGroupId(GroupName) is { } gid)
            _ = chown(path, 0, gid); // best effort: when not root we keep our own group
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
    }

    /// <summary>Looks a group up in /etc/group (NSS groups from LDAP are not needed for a system group).</summary>
    public static int? UnixGroupId(string name)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/group"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && fields[0] == name && int.TryParse(fields[2], out int gid))
                    return gid;
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int chown(string path, int owner, int group);
}
