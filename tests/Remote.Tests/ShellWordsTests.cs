using System.Diagnostics;
using System.Text;
using Failover.Remote.Ssh;

namespace Failover.Remote.Tests;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("named-checkconf", "named-checkconf")]
    [InlineData("/etc/bind/named.conf", "/etc/bind/named.conf")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("'", "''\\'''")]
    [InlineData("a;b", "'a;b'")]
    [InlineData("*.jnl", "'*.jnl'")]
    [InlineData("-n", "-n")]
    public void Quotes_a_word_for_a_posix_shell(string word, string quoted) => Assert.Equal(quoted, ShellWords.Quote(word));

    [Fact]
    public void Join_quotes_each_word_and_separates_them_by_one_space() =>
        Assert.Equal("sh -c 'echo \"$1\"' x 'a b'", ShellWords.Join(["sh", "-c", "echo \"$1\"", "x", "a b"]));

    [Fact]
    public void Every_word_survives_a_round_trip_through_a_real_shell()
    {
        var random = new Random(7);
        const string alphabet = "ab '\"\\$`!*?[]{}();&|<>~#=%\t\n-_./:,@+^";
        for (int round = 0; round < 40; round++)
        {
            var words = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                .Append("é漢字")
                .ToArray();
            Assert.Equal(words, ThroughShell(words));
        }
    }

    /// <summary>What /bin/sh makes of the quoted words: printf prints each argument it got, NUL-terminated.</summary>
    private static string[] ThroughShell(IReadOnlyList<string> words)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("printf '%s\\0' " + ShellWords.Join(words));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\0')[..^1];
    }
}
