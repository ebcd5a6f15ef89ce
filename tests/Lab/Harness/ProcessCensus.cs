using System.Globalization;

namespace Failover.Lab.Tests.Harness;

/// <summary>What one process holds right now, read from /proc: its threads (and their names, which .NET
/// passes to the kernel cut to 15 bytes) and how many of its file descriptors are sockets.</summary>
public sealed record ProcessCensus(int Threads, IReadOnlyList<string> ThreadNames, int Sockets)
{
    public static ProcessCensus Of(int pid)
    {
        var root = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}";
        var names = new List<string>();
        foreach (var task in Directory.GetDirectories(Path.Combine(root, "task")))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        var sockets = 0;
        foreach (var fd in Directory.GetFiles(Path.Combine(root, "fd")))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                    sockets++;
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return new ProcessCensus(names.Count, names, sockets);
    }

    /// <summary>Threads whose name starts with <paramref name="prefix"/>.</summary>
    public int ThreadsNamed(string prefix) => ThreadNames.Count(n => n.StartsWith(prefix, StringComparison.Ordinal));

    public override string ToString() =>
        $"{Threads} threads ({string.Join(", ", ThreadNames.GroupBy(n => n).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key))}), {Sockets} sockets";
}
