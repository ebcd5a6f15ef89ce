using System.Text;

namespace Failover.Lab.Tests.Harness;

/// <summary>The failoverd YAML config for one lab node and its groups.</summary>
public static class FailoverdConfig
{
    public static string Render(string nodeName, string socketPath, string stateDirectory, params IReadOnlyList<LabGroup> groups) =>
        Render(nodeName, socketPath, stateDirectory, groups, link: null);

    /// <param name="link">eth0's debounce (interfaces: section), or null for none.</param>
    public static string Render(string nodeName, string socketPath, string stateDirectory, IReadOnlyList<LabGroup> groups, LabLinkDelays? link)
    {
        var yaml = new StringBuilder()
            .AppendLine($"node: {{ name: {nodeName} }}")
            .AppendLine($"control: {{ socket: {socketPath} }}")
            .AppendLine($"state_dir: {stateDirectory}");
        if (link is { } delays)
            yaml.AppendLine($"interfaces: {{ {LabNode.Interface}: {{ up_delay: {delays.Up.TotalMilliseconds}ms, down_delay: {delays.Down.TotalMilliseconds}ms }} }}");
        yaml.AppendLine("groups:");
        foreach (var group in groups)
            RenderGroup(yaml, group);
        return yaml.ToString().ReplaceLineEndings("\n");
    }

    private static void RenderGroup(StringBuilder yaml, LabGroup group)
    {
        yaml.AppendLine($"  - name: {group.Name}")
            .AppendLine($"    vhid: {group.Vhid}")
            .AppendLine($"    interface: {LabNode.Interface}")
            .AppendLine($"    password: {Quoted(group.Password)}")
            .AppendLine($"    advbase: {group.AdvBase}")
            .AppendLine($"    advskew: {group.AdvSkew}")
            .AppendLine($"    preempt: {(group.Preempt ? "true" : "false")}")
            .AppendLine($"    vips: [{string.Join(", ", group.Vips)}]");
        if (group.Monitors is { Count: > 0 } monitors)
        {
            yaml.AppendLine("    monitors:");
            foreach (var monitor in monitors)
                yaml.AppendLine($"      - {monitor}");
        }
        if (group.Rules is { Count: > 0 } rules)
        {
            yaml.AppendLine("    rules:");
            foreach (var rule in rules)
                yaml.AppendLine($"      - {rule}");
        }
        if (group.OnMaster is not null || group.OnMasterSteps is not null)
            yaml.AppendLine("    on_master:");
        if (group.OnMaster is { } argv)
        {
            yaml.AppendLine($"      - exec: [{string.Join(", ", argv.Select(Quoted))}]")
                .AppendLine("        ucarp_args: true");
        }
        foreach (var step in group.OnMasterSteps ?? [])
            yaml.AppendLine($"      - {step}");
        if (group.ChainHoldDown is { } hold)
            yaml.AppendLine($"    chain_hold_down: {hold}");
        if (group.Sync is { } sync)
            yaml.AppendLine($"    sync: {sync}");
    }

    private static string Quoted(string text) => $"\"{text.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
