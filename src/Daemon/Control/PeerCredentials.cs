using System.Buffers.Binary;
using System.Net.Sockets;

namespace Failover.Daemon.Control;

/// <summary>Reads a Unix-socket peer's pid/uid/gid (SO_PEERCRED) and its supplementary groups.</summary>
internal static class PeerCredentials
{
    private const int SOL_SOCKET = 1;
    private const int SO_PEERCRED = 17;

    public static ControlCaller Of(Socket client)
    {
        Span<byte> ucred = stackalloc byte[12];
        client.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, ucred);
        int pid = BinaryPrimitives.ReadInt32LittleEndian(ucred);
        int uid = BinaryPrimitives.ReadInt32LittleEndian(ucred[4..]);
        int gid = BinaryPrimitives.ReadInt32LittleEndian(ucred[8..]);
        return new ControlCaller(pid, uid, gid, UnixAccounts.UserName(uid), SupplementaryGroups(pid));
    }

    /// <summary>The "Groups:" line of /proc/PID/status; empty if the process is already gone.</summary>
    private static IReadOnlyList<int> SupplementaryGroups(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Groups:", StringComparison.Ordinal))
                    return line["Groups:".Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            }
        }
        catch (IOException)
        {
        }
        return [];
    }
}
