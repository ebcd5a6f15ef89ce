namespace Failover.Monitors.Tests.Processes;

/// <summary>Waiting for a process that is not our child to die.</summary>
internal static class ProcessExit
{
    /// <summary>Gone, or a zombie waiting for a reaper (PID 1 in a container may not reap), within 2.5 s.</summary>
    public static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
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
