namespace Failover.Daemon.Config;

/// <summary><c>failoverd --check-config FILE</c>: validate, print the verdict, exit 0 or 78 (EX_CONFIG).</summary>
public static class CheckConfigCommand
{
    public const int ExitOk = 0;
    public const int ExitConfigError = 78;

    public static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        var result = ConfigLoader.Load(path);
        if (result.Config is { } config && result.IsValid)
        {
            var count = config.Groups.Count;
            stdout.WriteLine($"{path}: OK ({count} {(count == 1 ? "group" : "groups")})");
            return ExitOk;
        }
        foreach (var error in result.Errors)
            stderr.WriteLine(error.ToString());
        return ExitConfigError;
    }
}
