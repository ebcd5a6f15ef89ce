namespace Failover.Ctl.Tests;

public sealed class CtlCommandTests
{
    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("status --yaml")]
    [InlineData("release")]
    [InlineData("takeover a b")]
    [InlineData("explain a b")]
    [InlineData("explain --yaml")]
    [InlineData("explain --json --json")]
    [InlineData("sync")]
    [InlineData("sync --dry-run")]
    [InlineData("sync web --dry")]
    [InlineData("sync web --dry-run --dry-run")]
    public async Task Bad_usage_exits_2_and_prints_usage(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, await CtlCommand.RunAsync(args, stdout, stderr));
        Assert.Contains("Usage: failoverctl", stderr.ToString());
    }

    [Fact]
    public async Task Unreachable_daemon_exits_1_with_a_hint()
    {
        var stderr = new StringWriter();
        var socket = Path.Combine(Path.GetTempPath(), $"nowhere-{Guid.NewGuid():N}.sock");
        Assert.Equal(1, await CtlCommand.RunAsync(["--socket", socket, "status"], new StringWriter(), stderr));
        Assert.Contains($"cannot reach failoverd at {socket}", stderr.ToString());
    }

    [Fact]
    public async Task Help_exits_0()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await CtlCommand.RunAsync(["--help"], stdout, new StringWriter()));
        Assert.Contains("status", stdout.ToString());
        Assert.Contains("Exit codes: 0 ok, 1 failed, refused or", stdout.ToString());
        Assert.Contains("2 usage", stdout.ToString());
    }
}
