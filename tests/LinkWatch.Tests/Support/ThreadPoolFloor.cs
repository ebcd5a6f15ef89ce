using System.Runtime.CompilerServices;

namespace Failover.LinkWatch.Tests.Support;

/// <summary>
/// The watcher's receive loop and its callbacks run on the thread pool. On 2 cores the pool starts with
/// 2 threads and adds one only every ~0.5 s, so while xunit and the blocking waits of parallel tests hold
/// them, a notice sat for ~900 ms (measured: the loop or the delivery waiting for a thread). A daemon
/// that blocks pool threads would see the same; these tests measure the watcher, not the pool.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
    }
}
