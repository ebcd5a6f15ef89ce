using System.Text;

namespace Failover.Actions.Steps;

/// <summary>
/// Parses /proc/self/mountinfo (proc(5)): "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPEROPTIONS",
/// with space, tab, newline and backslash in paths written as \040, \011, \012 and \134.
/// </summary>
public static class MountInfo
{
    public const string SelfPath = "/proc/self/mountinfo";

    /// <summary>Every mount, in mount order (later lines may stack on earlier ones); malformed lines are skipped.</summary>
    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = fields.Length < 9 ? -1 : Array.IndexOf(fields, "-", 6);
            if (separator < 0 || separator + 2 >= fields.Length)
                continue;
            entries.Add(new MountEntry(Unescape(fields[4]), Unescape(fields[separator + 1]), Unescape(fields[separator + 2])));
        }
        return entries;
    }

    /// <summary>What is visible at <paramref name="path"/>: the last mount there, or null.</summary>
    public static MountEntry? At(IReadOnlyList<MountEntry> mounts, string path)
    {
        var wanted = Normalize(path);
        return mounts.LastOrDefault(m => Normalize(m.MountPoint) == wanted);
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s.AsSpan(at, 3).IndexOfAnyExcept("01234567") < 0;
}
