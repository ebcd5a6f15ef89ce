using System.Text;

namespace Failover.Lab.Tests.Harness;

/// <summary>The failoverd YAML config for one lab node with one group.</summary>
public static class FailoverdConfig
{
    public static string Render(string nodeName, string socketPath, string stateDirectory, LabGroup group)
    {
        var yaml = new StringBuilder()
            .AppendLine($"node: {{ name: {nodeName} }}")
            .AppendLine($"control: {{ socket: {socketPath} }}")
            .AppendLine($"state_dir: {stateDirectory}")
            .AppendLine("groups:")
            .AppendLine($"  - name: {group.Name}")
            .AppendLine($"    vhid: {group.Vhid}")
            .AppendLine($"    interface: {LabNode.Interface}")
            .AppendLine($"    password: {Quoted(group.Password)}")
            .AppendLine($"    advbase: {group.AdvBase}")
            .AppendLine($"    advskew: {group.AdvSkew}")
            .AppendLine($"    preempt: {(group.Preempt ? "true" : "false")}")
            .AppendLine($"    vips: [{string.Join(", ", group.Vips)}]");
        return yaml.ToString().ReplaceLineEndings("\n");
    }

    private static string Quoted(string text) => $"\"{text.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
