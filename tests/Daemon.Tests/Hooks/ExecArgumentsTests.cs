using Failover.Daemon.Hooks;

namespace Failover.Daemon.Tests.Hooks;

public sealed class ExecArgumentsTests
{
    [Fact]
    public void Arguments_with_shell_characters_reach_the_program_unchanged()
    {
        var info = ExecArguments.StartInfo(["/bin/echo", "a b; rm -rf /", "$HOME"]);
        Assert.Equal("/bin/echo", info.FileName);
        Assert.Equal(["a b; rm -rf /", "$HOME"], info.ArgumentList);
        Assert.False(info.UseShellExecute);
    }
}
