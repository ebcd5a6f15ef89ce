namespace Failover.Ctl.Import;

/// <summary>
/// One ucarp instance, as failover.yaml keys: filled by <see cref="UcarpCommandLine"/> or
/// <see cref="DebianInterfaces"/>, written by <see cref="GroupYaml"/>.
/// </summary>
public sealed class UcarpGroup
{
    /// <summary>Group keys (name, vhid, interface, source, password, …) in the order they are set.</summary>
    public Dictionary<string, ImportedValue> Keys { get; } = [];

    /// <summary>VIPs, the HMAC address (ucarp's --addr) first.</summary>
    public List<ImportedValue> Vips { get; } = [];

    public ImportedValue? UpScript { get; set; }
    public ImportedValue? DownScript { get; set; }
    public ImportedValue? XParam { get; set; }

    /// <summary>Comment lines written at the top of the group: what was mapped differently or not at all.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The subset of <see cref="Notes"/> that change behaviour (also printed on stderr).</summary>
    public List<string> Warnings { get; } = [];

    public void Warn(string text)
    {
        Notes.Add("WARNING: " + text);
        Warnings.Add(text);
    }

    /// <summary>Group names allow letters, digits, '-' and '_' only.</summary>
    public static string GroupName(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
