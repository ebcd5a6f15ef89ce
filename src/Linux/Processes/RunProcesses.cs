using System.Diagnostics;
using System.Globalization;

namespace Failover.Linux.Processes;

/// <summary>
/// Finds and kills every process of one command run: the command itself, its descendants (by parent
/// links, which also catches one that cleared its environment) and anything that still carries the run's
/// <see cref="RunTag"/> (which catches one re-parented to init). One pass over /proc: cheaper than
/// <see cref="Process.Kill(bool)"/>, which builds a Process object for every process on the machine, and
/// that matters because the kill happens in the last tenth of the probe's timeout.
/// </summary>
public static class RunProcesses
{
    /// <summary>A process can fork while we kill; a few passes catch what it spawned meanwhile.</summary>
    private const int Passes = 3;

    /// <summary>The live members of the run started as <paramref name="root"/>: root, its descendants, and
    /// tagged processes with theirs. Zombies are dead already and left out. Pure.</summary>
    public static IReadOnlySet<int> Members(IReadOnlyCollection<ProcessRow> rows, int root)
    {
        var members = new HashSet<int>(rows.Where(r => r.Tagged || r.Pid == root).Select(r => r.Pid));
        var children = rows.ToLookup(r => r.ParentPid, r => r.Pid);
        var pending = new Stack<int>(members);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children[pid])
            {
                if (members.Add(child))
                    pending.Push(child);
            }
        }
        members.ExceptWith(rows.Where(r => r.Zombie).Select(r => r.Pid));
        return members;
    }

    /// <summary>SIGKILLs the whole run; returns the processes it signalled.</summary>
    public static IReadOnlySet<int> Kill(Process root, RunTag tag)
    {
        // A Process disposed meanwhile (a timer firing as its run ends) has no id: then only the tag finds the run.
        var rootId = IdOf(root) ?? -1;
        var signalled = new HashSet<int>();
        for (var pass = 0; pass < Passes; pass++)
        {
            // The first pass sees the tree whole; later ones see what is still dying, or was just forked.
            var members = Members(Snapshot(tag), rootId);
            if (members.Count == 0)
                break;
            foreach (var pid in members)
            {
                if (pid == rootId ? KillRoot(root) : Signal(pid))
                    signalled.Add(pid);
            }
        }
        return signalled;
    }

    /// <summary>Every process this user may look at, with its parent and whether it carries the tag.</summary>
    public static IReadOnlyCollection<ProcessRow> Snapshot(RunTag tag)
    {
        var rows = new List<ProcessRow>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                if (!ProcessRow.TryParseStat(File.ReadAllText(Path.Combine(directory, "stat")), out var parent, out var zombie))
                    continue;
                rows.Add(new ProcessRow(pid, parent, zombie, Tagged(directory, tag)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited between the listing and the look.
            }
        }
        return rows;
    }

    private static bool Tagged(string directory, RunTag tag)
    {
        try
        {
            return RunTag.Carries(File.ReadAllBytes(Path.Combine(directory, "environ")), tag.Entry);
        }
        catch (UnauthorizedAccessException)
        {
            return false; // another user's process: not started by us
        }
    }

    private static int? IdOf(Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return null; // never started, or disposed
        }
    }

    /// <summary>Through its Process, which knows whether it has been reaped (then its pid may be reused).</summary>
    private static bool KillRoot(Process root)
    {
        try
        {
            root.Kill();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool Signal(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // gone already
        }
    }
}
