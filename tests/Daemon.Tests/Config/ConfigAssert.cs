using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

internal static class ConfigAssert
{
    public const string File = "failover.yaml";

    /// <summary>Every error as "LINE:COL: message", in the order the loader reports them.</summary>
    public static string[] Errors(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, File);
        Assert.All(result.Errors, e => Assert.Equal(File, e.File));
        if (result.Errors.Count > 0)
            Assert.Null(result.Config);
        return result.Errors.Select(e => $"{e.Line}:{e.Column}: {e.Message}").ToArray();
    }

    public static FailoverConfig Valid(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, File);
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.True(result.IsValid);
        return result.Config!;
    }
}
