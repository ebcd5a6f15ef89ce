using Failover.Daemon.Config;

namespace Failover.Ctl.Tests.Import;

/// <summary>Loads import-ucarp's output through failoverd's own config loader.</summary>
internal static class ImportedYaml
{
    public static FailoverConfig Load(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, "imported.yaml");
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        return result.Config!;
    }
}
