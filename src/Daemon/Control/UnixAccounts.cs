namespace Failover.Daemon.Control;

/// <summary>
/// User and group names from /etc/passwd and /etc/group. Enough for a local system group and for
/// naming who did what in the log; a uid with no local entry is shown as its number.
/// </summary>
internal static class UnixAccounts
{
    public static string UserName(int uid) => Lookup("/etc/passwd", fields => fields[2] == uid.ToString() ? fields[0] : null) ?? uid.ToString();

    public static int? GroupId(string name) =>
        Lookup("/etc/group", fields => fields[0] == name && int.TryParse(fields[2], out int gid) ? gid : (int?)null);

    private static T? Lookup<T>(string path, Func<string[], T?> match)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && match(fields) is { } found)
                    return found;
            }
        }
        catch (IOException)
        {
        }
        return default;
    }
}
