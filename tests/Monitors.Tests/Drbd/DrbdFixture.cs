namespace Failover.Monitors.Tests.Drbd;

/// <summary>Reads Fixtures/drbd/* and splits drbd-utils' events2 test transcripts into their sections.</summary>
internal static class DrbdFixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "drbd", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    /// <summary>The output of each "$ command" section of a .test transcript, without the exit-status line.</summary>
    public static IReadOnlyList<(string Command, string Output)> Transcript(string name)
    {
        var sections = new List<(string, string)>();
        string? command = null;
        var output = new List<string>();
        foreach (var line in Text(name).Split('\n'))
        {
            if (line.StartsWith("$ ", StringComparison.Ordinal))
            {
                Flush();
                command = line;
            }
            else if (line.Length > 0) output.Add(line);
        }
        Flush();
        return sections;

        void Flush()
        {
            if (command is null) return;
            Assert.Equal("0", output[^1]); // drbdsetup's exit status in the transcript
            sections.Add((command, string.Join('\n', output.Take(output.Count - 1))));
            output.Clear();
        }
    }

    /// <summary>The first section: plain <c>drbdsetup events2</c> output.</summary>
    public static string Events2(string name) => Transcript(name)[0].Output;
}
