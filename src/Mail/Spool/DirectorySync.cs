using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Failover.Mail.Spool;

/// <summary>fsync on a directory, so a rename into it survives a power cut (.NET has no API for it).</summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int DirectoryOnly = 0x10000; // O_DIRECTORY on x86_64 and aarch64
    private const int CloseOnExec = 0x80000;

    public static void Flush(string directory)
    {
        var fd = Open(directory, ReadOnly | DirectoryOnly | CloseOnExec);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"open {directory}");
        }
        try
        {
            if (Fsync(fd) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"fsync {directory}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
