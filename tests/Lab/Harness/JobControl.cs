namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Freezing a lab process with SIGSTOP: the process keeps its sockets, so clients' packets are queued
/// and never answered (a hung server), unlike a stopped one whose port is closed. A frozen process still
/// dies by the lab's SIGKILL at dispose, but tests thaw it in a finally anyway.
/// </summary>
public static class JobControl
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static void Freeze(LabProcess process) => Signal(process, SigStop, "SIGSTOP");

    public static void Thaw(LabProcess process)
    {
        if (!process.HasExited)
        {
            Signal(process, SigCont, "SIGCONT");
        }
    }

    private static void Signal(LabProcess process, int signal, string name)
    {
        if (Libc.Kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"{name} to {process.Name} (pid {process.Id}) failed");
        }
    }
}
