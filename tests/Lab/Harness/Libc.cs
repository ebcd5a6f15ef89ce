using System.Runtime.InteropServices;

namespace Failover.Lab.Tests.Harness;

/// <summary>The libc calls the harness needs: .NET has no API for the effective uid, for SIGTERM or for flock(2).</summary>
internal static partial class Libc
{
    public const int SigTerm = 15;

    /// <summary>SIGCONT and SIGSTOP on x86-64 and arm64 Linux.</summary>
    public const int SigCont = 18;
    public const int SigStop = 19;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    public const int LockExclusive = 2;
    public const int LockUnlock = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);
}
