namespace Failover.Monitors.Tests.Samba;

/// <summary>One smbclient run captured by Fixtures/smbclient/capture.sh: exit code, stdout, stderr.</summary>
internal sealed record SmbclientFixture(int ExitCode, string Stdout, string Stderr)
{
    private const string StdoutMarker = "--- stdout\n";
    private const string StderrMarker = "--- stderr\n";

    public static IReadOnlyList<string> Names { get; } =
        Directory.GetFiles(Folder, "*.txt").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToArray();

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "smbclient");

    public static SmbclientFixture Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name + ".txt"));
        var header = text[..text.IndexOf('\n')];
        Assert.StartsWith("# exit ", header);
        var rest = text[(header.Length + 1)..];
        Assert.StartsWith(StdoutMarker, rest);
        var stderrAt = rest.StartsWith(StdoutMarker + StderrMarker, StringComparison.Ordinal)
            ? StdoutMarker.Length
            : rest.IndexOf("\n" + StderrMarker, StringComparison.Ordinal) + 1;
        Assert.True(stderrAt > 0, $"{name}: no {StderrMarker.Trim()} line");
        return new SmbclientFixture(int.Parse(header["# exit ".Length..], System.Globalization.CultureInfo.InvariantCulture),
            rest[StdoutMarker.Length..stderrAt], rest[(stderrAt + StderrMarker.Length)..]);
    }
}
