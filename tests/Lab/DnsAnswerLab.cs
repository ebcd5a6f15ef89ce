using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// One lab shared by the DNS tests that only watch: named on node <c>dns</c> (192.0.2.53) and failoverd on
/// <c>n1</c> with one monitor per kind of answer. Nothing in it is ever changed, so each test reads its own
/// probe independently of the others and of their order. Built on first use, so that a run without root
/// (where the tests skip) never builds it.
/// </summary>
public sealed class DnsAnswerLab : IAsyncLifetime
{
    /// <summary>Initial health UP or DOWN (not UNKNOWN), so that the first change needs fall or rise runs.</summary>
    public static readonly IReadOnlyList<string> Monitors =
    [
        $"{{ name: www, dns: {{ server: 192.0.2.53, query: {Bind9Server.Www}, expect: {Bind9Server.WwwAddress}, authoritative: true }}, interval: 500ms, timeout: 3s, initial: down, rise: 2, fall: 2 }}",
        $"{{ name: absent, dns: {{ server: 192.0.2.53, query: absent.{Bind9Server.Zone} }}, interval: 500ms, timeout: 3s, initial: up, rise: 2, fall: 2 }}",
        $"{{ name: broken, dns: {{ server: 192.0.2.53, query: www.{Bind9Server.BrokenZone}, recursion: false }}, interval: 500ms, timeout: 3s, initial: up, rise: 2, fall: 2 }}",
        $"{{ name: moved, dns: {{ server: 192.0.2.53, query: {Bind9Server.Www}, expect: 192.0.2.81 }}, interval: 500ms, timeout: 3s, initial: up, rise: 2, fall: 2 }}",
        $"{{ name: referral, dns: {{ server: 192.0.2.53, query: {Bind9Server.Delegated}, authoritative: true }}, interval: 500ms, timeout: 3s, initial: up, rise: 2, fall: 2 }}",
    ];

    private readonly SemaphoreSlim gate = new(1, 1);
    private ITestOutputHelper? output;
    private NetLab? lab;
    private FailoverdNode? failoverd;

    /// <summary>failoverd on n1, started (with named) by the first caller; the lab's log goes to the calling test.</summary>
    public async Task<FailoverdNode> Failoverd(ITestOutputHelper testOutput)
    {
        await gate.WaitAsync();
        try
        {
            output = testOutput;
            if (failoverd is null)
            {
                var made = new NetLab(Log);
                try
                {
                    await Bind9Server.Start(made, made.AddNode("dns", "192.0.2.53/24"));
                    failoverd = FailoverdNode.Start(made, made.AddNode("n1", "192.0.2.1/24"), new LabGroup { Monitors = Monitors });
                    lab = made;
                }
                catch
                {
                    await made.DisposeAsync();  // the next test tries afresh
                    throw;
                }
            }

            return failoverd;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (lab is not null)
        {
            await lab.DisposeAsync();
        }

        gate.Dispose();
    }

    // The output helper of a finished test throws InvalidOperationException; NetLab swallows it.
    private void Log(string line) => output?.WriteLine(line);
}
