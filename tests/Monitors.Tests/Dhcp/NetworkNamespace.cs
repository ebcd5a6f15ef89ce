using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Failover.Monitors.Tests.Dhcp;

/// <summary>Runs a delegate on a thread switched into a named network namespace, so the sockets it creates
/// live there; the thread switches back before it ends.</summary>
internal static partial class NetworkNamespace
{
    private const int CloneNewNet = 0x40000000;

    public static T Enter<T>(string name, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var home = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle($"/run/netns/{name}");
                Switch(target);
                try
                {
                    result = action();
                }
                finally
                {
                    Switch(home);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"in namespace {name}", failure);
    }

    private static void Switch(SafeFileHandle handle)
    {
        if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
        {
            throw new InvalidOperationException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
