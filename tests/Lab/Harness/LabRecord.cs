namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Keeps a transcript worth quoting (a received mail, a recovery's log) as a file when the environment variable
/// FAILOVER_LAB_RECORD names a directory; otherwise it is only in the test output. Never fails a test.
/// </summary>
public static class LabRecord
{
    public const string Variable = "FAILOVER_LAB_RECORD";

    public static void Save(string fileName, string text, Action<string> log) =>
        Save(fileName, System.Text.Encoding.UTF8.GetBytes(text), log);

    /// <summary>A binary record (a screenshot).</summary>
    public static void Save(string fileName, byte[] content, Action<string> log)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } directory)
            return;
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, fileName), content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log($"could not save {fileName} in {directory}: {e.Message}");
        }
    }
}
