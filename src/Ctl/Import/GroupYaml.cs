using System.Text;

namespace Failover.Ctl.Import;

/// <summary>Writes imported groups as a failover.yaml document, each value commented with where it came from.</summary>
public static class GroupYaml
{
    private static readonly string[] KeyOrder =
        ["name", "vhid", "interface", "source", "password", "password_file", "advbase", "advskew", "deadratio", "preempt", "neutral"];

    private const int CommentColumn = 36;

    /// <param name="origin">What was imported, for the header comment (the command line or the file).</param>
    public static string Write(IReadOnlyList<UcarpGroup> groups, string origin)
    {
        var y = new StringBuilder();
        y.Append("# Written by failoverctl import-ucarp from ").Append(origin).Append('\n');
        y.Append("# Each comment names the ucarp option the value came from. Check the result with\n");
        y.Append("#   failoverd --check-config FILE\n");
        y.Append("groups:\n");
        foreach (var group in groups)
            WriteGroup(y, group);
        return y.ToString();
    }

    private static void WriteGroup(StringBuilder y, UcarpGroup group)
    {
        var first = true;
        foreach (var key in KeyOrder)
        {
            if (!group.Keys.TryGetValue(key, out var value))
                continue;
            if (key == "password")
            {
                y.Append("    # ucarp had this password on its command line, visible to every user in ps. Better: put it on the\n");
                y.Append("    # first line of a file (chmod 600) and write password_file: /etc/failover/NAME.key instead.\n");
            }
            Line(y, (first ? "  - " : "    ") + $"{key}: {value.Yaml}", value.From);
            if (first)
            {
                foreach (var note in group.Notes)
                    y.Append("    # ").Append(note).Append('\n');
            }
            first = false;
        }

        Line(y, "    vips:", null);
        foreach (var vip in group.Vips)
            Line(y, $"      - {vip.Yaml}", vip.From);

        WriteScript(y, "on_master", group.UpScript, group.XParam);
        WriteScript(y, "on_backup", group.DownScript, group.XParam);
    }

    private static void WriteScript(StringBuilder y, string chain, ImportedValue? script, ImportedValue? xparam)
    {
        if (script is null)
            return;
        Line(y, $"    {chain}:", null);
        Line(y, $"      - exec: [{UcarpValues.Quoted(script.Yaml)}]", script.From);
        Line(y, "        ucarp_args: true", "passes IFACE VIP [XPARAM] as ucarp did");
        if (xparam is not null)
            Line(y, $"        xparam: {xparam.Yaml}", xparam.From);
        Line(y, "        timeout: 60s", "ucarp waited for its scripts forever; failoverd gives up after this");
    }

    private static void Line(StringBuilder y, string text, string? comment)
    {
        y.Append(text);
        if (comment is not null)
            y.Append(' ', Math.Max(1, CommentColumn - text.Length)).Append("# ").Append(comment);
        y.Append('\n');
    }
}
