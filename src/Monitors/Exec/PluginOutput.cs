using System.Text;

namespace Failover.Monitors.Exec;

/// <summary>What of a check's stdout is kept (<see cref="Cap"/> bytes) and how its first line becomes the reason.</summary>
internal static class PluginOutput
{
    public const int Cap = 4096;
    public const int MaxMessageLength = 200;

    /// <summary>The first line, trimmed and cut to <see cref="MaxMessageLength"/> characters.</summary>
    public static string FirstLine(ReadOnlySpan<byte> output)
    {
        var text = Encoding.UTF8.GetString(output);
        var end = text.IndexOfAny(['\n', '\r']);
        var line = (end < 0 ? text : text[..end]).Trim();
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
