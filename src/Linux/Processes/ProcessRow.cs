namespace Failover.Linux.Processes;

/// <summary>One process as /proc shows it at a glance: its parent, whether it is already dead (a zombie),
/// and whether it carries a given <see cref="RunTag"/>.</summary>
public readonly record struct ProcessRow(int Pid, int ParentPid, bool Zombie, bool Tagged)
{
    /// <summary>Reads parent and state from a /proc/PID/stat line ("12 (my prog) S 1 …"); the command
    /// name may hold spaces and parentheses, so the fields are counted from the last ')'. Pure.</summary>
    public static bool TryParseStat(string stat, out int parentPid, out bool zombie)
    {
        parentPid = 0;
        zombie = false;
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
            return false;
        var fields = stat.AsSpan(close + 2);
        var space = fields.IndexOf(' ');
        if (space != 1)
            return false;
        zombie = fields[0] is 'Z' or 'X';
        var rest = fields[2..];
        var end = rest.IndexOf(' ');
        return int.TryParse(end < 0 ? rest : rest[..end], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out parentPid);
    }
}
