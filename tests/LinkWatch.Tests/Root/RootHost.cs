using System.Runtime.InteropServices;

namespace Failover.LinkWatch.Tests.Root;

/// <summary>Whether the tests run as root: .NET has no API for the effective uid.</summary>
internal static partial class RootHost
{
    public static bool IsRoot { get; } = geteuid() == 0;

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
