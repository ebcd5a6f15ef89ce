using System.Diagnostics;
using Failover.Monitors.Health;
using Failover.Monitors.Ldap;
using Xunit;

namespace Failover.Monitors.Tests.Ldap;

/// <summary>Against a real slapd of our own on a free loopback port.</summary>
public sealed class LdapProbeSlapdTests : IDisposable
{
    private readonly SlapdServer? _slapd = SlapdServer.MissingReason() is null ? new SlapdServer() : null;

    public void Dispose() => _slapd?.Dispose();

    private SlapdServer Slapd => _slapd!;

    private LdapProbeOptions Options => new() { Server = Slapd.Uri, BaseDn = SlapdServer.Suffix, Timeout = TimeSpan.FromSeconds(3) };

    private static Task<ProbeResult> RunAsync(LdapProbe probe) =>
        probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

    [SlapdFact]
    public async Task Anonymous_bind_and_base_search_is_healthy()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { ExpectedAttribute = "o", ExpectedValue = "Example" }));
        Assert.True(result.Healthy, result.Reason);
        Assert.StartsWith($"bound anonymously, found {SlapdServer.Suffix}, o = Example in ", result.Reason);
    }

    /// <summary>
    /// Regression: with a sub-second request timeout, System.DirectoryServices.Protocols on Linux failed every
    /// request ("client side timeout limit was exceeded", in a few ms) once its code was re-JITted optimised (after a few
    /// seconds of probing); the daemon's default 1 s probe timeout gives the library 900 ms.
    /// </summary>
    [SlapdFact]
    public async Task Many_concurrent_probes_with_a_sub_second_timeout_stay_healthy()
    {
        var probes = Enumerable.Range(1, 10)
            .Select(i => new LdapProbe($"ldap{i}", Options with { Timeout = TimeSpan.FromMilliseconds(900) }))
            .ToArray();
        for (var round = 0; round < 25; round++)
        {
            var results = await Task.WhenAll(probes.Select(RunAsync));
            Assert.All(results, r => Assert.True(r.Healthy, $"round {round}: {r.Reason}"));
            await Task.Delay(200); // time for the runtime to re-JIT the library's hot code optimised, where it broke
        }
    }

    [SlapdFact]
    public async Task The_rootdse_can_be_read_anonymously()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { BaseDn = "", ExpectedAttribute = "namingContexts", ExpectedValue = SlapdServer.Suffix }));
        Assert.True(result.Healthy, result.Reason);
    }

    [SlapdFact]
    public async Task Simple_bind_with_the_right_password_from_a_file_is_healthy()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, SlapdServer.ProbePassword + "\n");
            var result = await RunAsync(new LdapProbe("ldap1", Options with { BindDn = SlapdServer.ProbeDn, PasswordFile = file }));
            Assert.True(result.Healthy, result.Reason);
            Assert.StartsWith($"bound as {SlapdServer.ProbeDn}, found {SlapdServer.Suffix} in ", result.Reason);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SlapdFact]
    public async Task Simple_bind_as_rootdn_with_inline_password_is_healthy()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { BindDn = SlapdServer.RootDn, Password = SlapdServer.RootPassword }));
        Assert.True(result.Healthy, result.Reason);
    }

    [SlapdFact]
    public async Task A_wrong_password_is_down_with_invalid_credentials()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { BindDn = SlapdServer.ProbeDn, Password = "wrong" }));
        Assert.Equal($"bind refused: invalid credentials for {SlapdServer.ProbeDn}", result.Reason);
        Assert.False(result.Healthy);
    }

    [SlapdFact]
    public async Task A_missing_base_is_down_with_no_such_object()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { BaseDn = "ou=missing,dc=example,dc=test" }));
        Assert.Equal("no such object: ou=missing,dc=example,dc=test", result.Reason);
        Assert.False(result.Healthy);
    }

    [SlapdFact]
    public async Task A_wrong_attribute_value_is_down()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { ExpectedAttribute = "o", ExpectedValue = "Other" }));
        Assert.Equal("entry found, attribute o = Example, expected Other", result.Reason);
    }

    [SlapdFact]
    public async Task A_filter_that_does_not_match_is_down()
    {
        var result = await RunAsync(new LdapProbe("ldap1", Options with { Filter = "(o=Other)" }));
        Assert.Equal($"filter (o=Other) does not match {SlapdServer.Suffix}", result.Reason);
    }

    [SlapdFact]
    public async Task A_frozen_slapd_times_out_in_libldap_before_the_deadline_and_no_thread_is_left_hanging()
    {
        var probe = new LdapProbe("ldap1", Options);
        Assert.True((await RunAsync(probe)).Healthy);
        Slapd.Freeze();

        // Each run is a fresh try that libldap ends at 0.8 x 3 s. Before libldap had a timeout, the first bind
        // hung until the server answered and every later run was refused as "previous LDAP probe still hung".
        for (var run = 0; run < 2; run++)
        {
            var clock = Stopwatch.StartNew();
            var result = await RunAsync(probe);
            Assert.Equal($"timed out talking to {Slapd.Uri}", result.Reason);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.3), $"timed out after {clock.ElapsedMilliseconds} ms");
            Assert.Null(probe.InFlight);
        }
        // Dispose kills the frozen slapd.
    }

    [SlapdFact]
    public async Task A_killed_slapd_is_down_with_server_down()
    {
        Slapd.Kill();
        var result = await RunAsync(new LdapProbe("ldap1", Options));
        Assert.Equal($"server down: cannot connect to {Slapd.Uri}", result.Reason);
        Assert.False(result.Healthy);
    }
}
