namespace Failover.Daemon.Config;

/// <summary>Collects every error instead of stopping at the first, and hands them back in file order.</summary>
internal sealed class ConfigErrorCollector(string file)
{
    private readonly List<ConfigError> _errors = [];

    public int Count => _errors.Count;

    public void Add(TextPosition at, string message) => _errors.Add(new ConfigError(file, at.Line, at.Column, message));

    /// <summary>Binding visits keys by meaning, not by line; a stable sort restores the order of the file.</summary>
    public IReadOnlyList<ConfigError> InFileOrder() =>
        _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray();
}
