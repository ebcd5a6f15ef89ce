namespace Failover.Ctl.Import;

/// <summary>
/// failoverctl import-ucarp: the thin shell around the converters (reads the interfaces file, prints).
/// Exit 0 with YAML on stdout, 2 on a usage or input error.
/// </summary>
public static class UcarpImportCommand
{
    public const string Usage = """
        Usage: failoverctl import-ucarp [--name GROUP] -- ucarp ARGS...
               failoverctl import-ucarp --interfaces /etc/network/interfaces
        """;

    public static int Run(string[] options, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            switch (options)
            {
                case ["--interfaces", var path]:
                    return Print(DebianInterfaces.Parse(ReadFile(path), path), path, stdout, stderr);
                case ["--", .. var argv]:
                    return Print([UcarpCommandLine.Parse(argv)], CommandLine(argv), stdout, stderr);
                case ["--name", var name, "--", .. var argv]:
                    return Print([UcarpCommandLine.Parse(argv, name)], CommandLine(argv), stdout, stderr);
                default:
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        catch (UcarpImportError e)
        {
            stderr.WriteLine($"failoverctl import-ucarp: {e.Message}");
            return 2;
        }
    }

    private static int Print(IReadOnlyList<UcarpGroup> groups, string origin, TextWriter stdout, TextWriter stderr)
    {
        stdout.Write(GroupYaml.Write(groups, origin));
        foreach (var warning in groups.SelectMany(g => g.Warnings.Select(w => $"{g.Keys["name"].Yaml}: {w}")))
            stderr.WriteLine($"failoverctl import-ucarp: warning: {warning}");
        return 0;
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UcarpImportError($"--interfaces: cannot read {path}: {e.Message}");
        }
    }

    /// <summary>The command line for the header, the password masked: the output may be shared.</summary>
    internal static string CommandLine(IReadOnlyList<string> argv)
    {
        var words = new List<string>();
        for (int i = 0; i < argv.Count; i++)
        {
            var a = argv[i];
            if (a.StartsWith("--pass=", StringComparison.Ordinal))
                words.Add("--pass=***");
            else if (a is "--pass" or "-p" && i + 1 < argv.Count)
                words.AddRange([a, "***"]);
            else if (a.StartsWith("-p", StringComparison.Ordinal) && !a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
                words.Add("-p***");
            else
                words.Add(a);
            if (a is "--pass" or "-p")
                i++;
        }
        return string.Join(' ', words);
    }
}
