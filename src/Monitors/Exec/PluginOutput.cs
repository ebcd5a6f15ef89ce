using System.Text;

namespace Failover.Monitors.Exec;

/// <summary>Reads a check's stdout without ever holding more than a fixed cap, and keeps draining past
/// the cap so a chatty check never blocks on a full pipe.</summary>
internal static class PluginOutput
{
    public const int Cap = 4096;
    public const int MaxMessageLength = 200;

    /// <summary>Reads until EOF, or until <paramref name="token"/> fires (a grandchild holding the pipe),
    /// and returns the first <see cref="Cap"/> bytes either way.</summary>
    public static async Task<byte[]> ReadCappedAsync(Stream stdout, CancellationToken token)
    {
        var kept = new byte[Cap];
        var length = 0;
        var scratch = new byte[4096];
        try
        {
            while (true)
            {
                var target = length < Cap ? kept.AsMemory(length) : scratch.AsMemory();
                var read = await stdout.ReadAsync(target, token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                if (length < Cap)
                {
                    length += read;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Keep what came before the pipe was given up on.
        }
        return kept[..length];
    }

    /// <summary>The first line, trimmed and cut to <see cref="MaxMessageLength"/> characters.</summary>
    public static string FirstLine(ReadOnlySpan<byte> output)
    {
        var text = Encoding.UTF8.GetString(output);
        var end = text.IndexOfAny(['\n', '\r']);
        var line = (end < 0 ? text : text[..end]).Trim();
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
