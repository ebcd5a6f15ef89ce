using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A config of etc-templates/ as shipped, adapted to the lab by exact text replacements. Each replacement
/// must find its text, so a template that drifts from what a lab test expects fails the test instead of
/// silently running something else. Lab conventions: the seed's 10.4.0.0/24 is the lab's 192.0.2.0/24
/// (10.4.0.2 becomes 192.0.2.2), and <see cref="Start"/> gives each node its own name, control socket,
/// state_dir, and /etc/failover/ (holding the CARP key the template names).
/// </summary>
public sealed partial class ShippedTemplate
{
    public const string Password = "lab-secret";

    private ShippedTemplate(string fileName, string text)
    {
        FileName = fileName;
        Text = text;
    }

    public string FileName { get; }

    public string Text { get; }

    /// <summary>etc-templates/<paramref name="fileName"/> with the seed's addresses moved into the lab's subnet.</summary>
    public static ShippedTemplate Load(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot(), "etc-templates", fileName));
        return new ShippedTemplate(fileName, text).Replace("10.4.0.", "192.0.2.");
    }

    /// <summary>Every <paramref name="find"/> replaced; throws if there is none.</summary>
    public ShippedTemplate Replace(string find, string replacement) =>
        Text.Contains(find, StringComparison.Ordinal)
            ? new ShippedTemplate(FileName, Text.Replace(find, replacement, StringComparison.Ordinal))
            : throw new InvalidOperationException($"{FileName} no longer contains '{find}': adapt the lab test to the template");

    /// <summary>Without the lines that contain <paramref name="fragment"/>; throws if there is none.</summary>
    public ShippedTemplate WithoutLinesContaining(string fragment)
    {
        var lines = Text.Split('\n');
        var kept = lines.Where(l => !l.Contains(fragment, StringComparison.Ordinal)).ToArray();
        return kept.Length < lines.Length
            ? new ShippedTemplate(FileName, string.Join('\n', kept))
            : throw new InvalidOperationException($"{FileName} has no line with '{fragment}': adapt the lab test to the template");
    }

    /// <summary>failoverd on this config in <paramref name="node"/>, named after the node, with its own socket,
    /// state_dir and /etc/failover (the template's *.key files made there, mode 0600, holding <see cref="Password"/>).</summary>
    public FailoverdNode Start(NetLab lab, LabNode node, LabGroup watched)
    {
        var etc = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"etc-{node.Name}")).FullName;
        foreach (var key in KeyFile().Matches(Text).Select(m => m.Value).Distinct())
        {
            var path = Path.Combine(etc, Path.GetFileName(key));
            File.WriteAllText(path, "");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(path, Password + "\n");
        }
        var name = NodeName().Match(Text);
        if (!name.Success)
            throw new InvalidOperationException($"{FileName} has no 'node:' with a 'name:' on the next line");
        return FailoverdNode.Start(lab, node, watched, (socket, stateDirectory) =>
            Replace(name.Value, $"control: {{ socket: {socket} }}\nstate_dir: {stateDirectory}\nnode:\n  name: {node.Name}")
                .Replace("/etc/failover/", etc + "/")
                .Text);
    }

    [GeneratedRegex(@"/etc/failover/[A-Za-z0-9._-]+\.key")]
    private static partial Regex KeyFile();

    [GeneratedRegex(@"^node:\n  name: [^\s#]+", RegexOptions.Multiline)]
    private static partial Regex NodeName();
}
