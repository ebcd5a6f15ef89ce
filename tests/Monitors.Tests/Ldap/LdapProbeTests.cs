using System.Diagnostics;
using System.DirectoryServices.Protocols;
using Failover.Monitors.Health;
using Failover.Monitors.Ldap;
using Xunit;

namespace Failover.Monitors.Tests.Ldap;

/// <summary>The probe's thread, deadline and judging, with a fake exchange in place of libldap.</summary>
public sealed class LdapProbeTests
{
    private static readonly LdapProbeOptions Options = new()
    {
        Server = "ldap://127.0.0.1:1389",
        BaseDn = "dc=example,dc=test",
        // Generous for the answering fakes (a loaded machine may be slow to start a thread); the
        // deadline test sets its own short one.
        Timeout = TimeSpan.FromSeconds(3),
    };

    private static Task<ProbeResult> RunAsync(LdapProbe probe) =>
        probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_found_entry_is_healthy_and_the_exchange_runs_on_a_dedicated_thread()
    {
        LdapQuery? seen = null;
        var pooled = true;
        var probe = new LdapProbe("ldap1", Options, q =>
        {
            seen = q;
            pooled = Thread.CurrentThread.IsThreadPoolThread;
            return new LdapEntry("dc=example,dc=test", []);
        });
        var result = await RunAsync(probe);
        Assert.True(result.Healthy, result.Reason);
        Assert.StartsWith("bound anonymously, found dc=example,dc=test in ", result.Reason);
        Assert.False(pooled);
        Assert.Equal(new LdapQuery(new LdapServer("127.0.0.1", 1389), null, null, "dc=example,dc=test",
            "(objectClass=*)", null, Options.Timeout), seen);
    }

    [Fact]
    public async Task The_password_is_read_from_its_file_on_every_run()
    {
        var file = Path.GetTempFileName();
        try
        {
            var passwords = new List<string?>();
            var probe = new LdapProbe("ldap1", Options with { BindDn = "cn=probe,dc=example,dc=test", PasswordFile = file },
                q => { passwords.Add(q.Password); return new LdapEntry(q.BaseDn, []); });
            File.WriteAllText(file, "first\n");
            var result = await RunAsync(probe);
            File.WriteAllText(file, "second");
            await RunAsync(probe);
            Assert.Equal(["first", "second"], passwords);
            Assert.StartsWith("bound as cn=probe,dc=example,dc=test, found dc=example,dc=test in ", result.Reason);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unreadable_or_empty_password_file_is_down_without_binding()
    {
        var file = Path.GetTempFileName();
        try
        {
            var bound = false;
            var options = Options with { BindDn = "cn=probe", PasswordFile = file };
            var probe = new LdapProbe("ldap1", options, q => { bound = true; return null; });
            File.WriteAllText(file, "\n");
            Assert.Equal($"password file {file} is empty", (await RunAsync(probe)).Reason);
            File.Delete(file);
            Assert.StartsWith($"cannot read password file {file}: ", (await RunAsync(probe)).Reason);
            Assert.False(bound);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "Example" }, "Example", true, "")]
    [InlineData(new[] { "A", "Example" }, "Example", true, "")]
    [InlineData(new[] { "Other" }, "Example", false, "entry found, attribute o = Other, expected Example")]
    [InlineData(new[] { "A", "B" }, "Example", false, "entry found, attribute o = A, B, expected Example")]
    [InlineData(new string[0], "Example", false, "entry found, attribute o missing, expected Example")]
    [InlineData(new string[0], null, false, "entry found, attribute o missing")]
    public async Task The_expected_attribute_value_is_checked(string[] values, string? expected, bool healthy, string reason)
    {
        var probe = new LdapProbe("ldap1", Options with { ExpectedAttribute = "o", ExpectedValue = expected },
            q => new LdapEntry(q.BaseDn, values));
        var result = await RunAsync(probe);
        Assert.Equal(healthy, result.Healthy);
        if (!healthy)
        {
            Assert.Equal(reason, result.Reason);
        }
    }

    [Fact]
    public async Task No_entry_means_the_filter_did_not_match()
    {
        var probe = new LdapProbe("ldap1", Options with { Filter = "(o=x)" }, _ => null);
        Assert.Equal(ProbeResult.Down("filter (o=x) does not match dc=example,dc=test", TimeSpan.Zero),
            await RunAsync(probe) with { Latency = TimeSpan.Zero });
    }

    [Fact]
    public async Task Thrown_ldap_errors_become_reasons()
    {
        var probe = new LdapProbe("ldap1", Options with { BindDn = "cn=probe", Password = "x" }, _ => throw new LdapException(49, "Invalid Credentials"));
        Assert.Equal("bind refused: invalid credentials for cn=probe", (await RunAsync(probe)).Reason);
        var down = new LdapProbe("ldap1", Options, _ => throw new LdapException(81, "The LDAP server is unavailable."));
        Assert.Equal("server down: cannot connect to ldap://127.0.0.1:1389", (await RunAsync(down)).Reason);
    }

    [Fact]
    public async Task A_hung_exchange_is_down_by_the_deadline_and_blocks_further_runs_until_it_ends()
    {
        using var release = new ManualResetEventSlim();
        var calls = 0;
        var probe = new LdapProbe("ldap1", Options with { Timeout = TimeSpan.FromMilliseconds(300) }, q =>
        {
            Interlocked.Increment(ref calls);
            release.Wait();
            return new LdapEntry(q.BaseDn, []);
        });
        try
        {
            var clock = Stopwatch.StartNew();
            var first = await RunAsync(probe);
            Assert.Equal("no answer from ldap://127.0.0.1:1389 within 300 ms", first.Reason);
            Assert.False(first.Healthy);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));

            var second = await RunAsync(probe);
            Assert.False(second.Healthy);
            Assert.StartsWith("previous LDAP probe still hung after ", second.Reason);
            Assert.EndsWith("; not starting another against ldap://127.0.0.1:1389", second.Reason);
            Assert.Equal(1, Volatile.Read(ref calls));

            var stuck = probe.InFlight;
            Assert.NotNull(stuck);
            release.Set();
            await stuck.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True((await RunAsync(probe)).Healthy);
            Assert.Equal(2, Volatile.Read(ref calls));
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Cancellation_by_the_caller_propagates_without_waiting_for_the_thread()
    {
        using var release = new ManualResetEventSlim();
        var probe = new LdapProbe("ldap1", Options with { Timeout = TimeSpan.FromSeconds(30) }, q => { release.Wait(); return null; });
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            release.Set();
        }
    }
}
