namespace Failover.Monitors.Tests.Drbd;

internal static class ProcessGone
{
    /// <summary>True once the process is gone or a zombie waiting for a reaper (PID 1 in a container may not reap);
    /// false if it still runs after 5 s.</summary>
    public static async Task<bool> WaitAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z')) return true;
            }
            catch (IOException)
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }
}
