namespace Failover.LinkWatch.Tests.Support;

/// <summary>
/// One receive buffer from a fixture file (Fixtures/*.txt): each hex line is one recv(), and the comment
/// line just above it says what caused it.
/// </summary>
public sealed record CapturedBuffer(string Note, byte[] Bytes)
{
    public static IReadOnlyList<CapturedBuffer> Load(string fixture)
    {
        var buffers = new List<CapturedBuffer>();
        string note = "";
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))
        {
            if (line.StartsWith('#'))
                note = line.TrimStart('#', ' ');
            else if (line.Trim().Length > 0)
                buffers.Add(new CapturedBuffer(note, Convert.FromHexString(line.Trim())));
        }
        return buffers;
    }

    public override string ToString() => Note;
}
