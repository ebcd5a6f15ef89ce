namespace Failover.Daemon.Config;

/// <summary>A 1-based line and column in the configuration file.</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public static TextPosition Start => new(1, 1);

    public static TextPosition From(YamlDotNet.Core.Mark mark) => new((int)mark.Line, (int)mark.Column);

    public override string ToString() => $"{Line}:{Column}";
}
