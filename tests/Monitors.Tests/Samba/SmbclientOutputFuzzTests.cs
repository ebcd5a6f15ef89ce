using System.Net;
using Failover.Monitors.Samba;

namespace Failover.Monitors.Tests.Samba;

/// <summary>Random and mutated smbclient output never throws, and never reads as a success after a non-zero exit.</summary>
public sealed class SmbclientOutputFuzzTests
{
    private const string Alphabet = " \t\r\n:()!\\/._-0123456789ABCDEFGNOSTUVacdefgilmnoprstu\u001b\0é";
    private static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.1"), 445);
    private static readonly SambaShareCheck Check = new() { Share = "data", AuthFile = "/etc/failover/smb.auth", Account = "root", Path = "probe.txt" };

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(4);
        for (var i = 0; i < 5000; i++)
        {
            var exit = random.Next(3);
            AssertSane(exit, Random(random, 300), Random(random, 100));
        }
    }

    [Fact]
    public void Mutated_fixtures_never_throw()
    {
        var random = new Random(17);
        foreach (var name in SmbclientFixture.Names)
        {
            var run = SmbclientFixture.Load(name);
            for (var i = 0; i < 500; i++)
            {
                var exit = i % 5 == 0 ? 1 - run.ExitCode : run.ExitCode;
                AssertSane(exit, Mutate(run.Stdout, random), Mutate(run.Stderr, random));
            }
        }
    }

    [Fact]
    public void Truncated_fixtures_never_throw()
    {
        foreach (var name in SmbclientFixture.Names)
        {
            var run = SmbclientFixture.Load(name);
            for (var n = 0; n <= run.Stdout.Length; n++)
                AssertSane(run.ExitCode, run.Stdout[..n], run.Stderr);
            for (var n = 0; n <= run.Stderr.Length; n++)
                AssertSane(run.ExitCode, run.Stdout, run.Stderr[..n]);
        }
    }

    private static void AssertSane(int exitCode, string stdout, string stderr)
    {
        var outcome = SmbclientOutput.Parse(exitCode, stdout, stderr);
        if (exitCode != 0)
            Assert.False(outcome.Succeeded);
        Assert.True(outcome.Line.Length <= 161);
        Assert.DoesNotContain(outcome.Line, char.IsControl);
        var reason = outcome.Succeeded ? ShareCheckReason.Up(outcome, Check, Server) : ShareCheckReason.Down(outcome, Check, Server);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    private static string Random(Random random, int maxLength) =>
        new(Enumerable.Range(0, random.Next(maxLength)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        for (var i = 1 + random.Next(4); i > 0; i--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < chars.Count: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1 when at < chars.Count: chars.RemoveAt(at); break;
                default: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
            }
        }
        return new string(chars.ToArray());
    }
}
