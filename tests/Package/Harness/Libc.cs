using System.Runtime.InteropServices;

namespace Failover.Package.Tests.Harness;

/// <summary>.NET has no API for the effective uid.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();
}
