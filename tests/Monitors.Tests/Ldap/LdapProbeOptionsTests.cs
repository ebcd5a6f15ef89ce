using Failover.Monitors.Ldap;
using Xunit;

namespace Failover.Monitors.Tests.Ldap;

public sealed class LdapProbeOptionsTests
{
    private static readonly LdapProbeOptions Valid = new() { Server = "ldap://127.0.0.1:389", BaseDn = "dc=example,dc=test" };

    [Theory]
    [InlineData("ldap://127.0.0.1:1389", "127.0.0.1", 1389)]
    [InlineData("ldap://ldap.example.test", "ldap.example.test", 389)]
    [InlineData("ldap://127.0.0.1/", "127.0.0.1", 389)]
    [InlineData("127.0.0.1:1389", "127.0.0.1", 1389)]
    [InlineData("ldap.example.test", "ldap.example.test", 389)]
    [InlineData("[::1]:1389", "::1", 1389)]
    public void Servers_parse_as_uri_or_host_and_port(string text, string host, int port)
    {
        Assert.True(LdapServer.TryParse(text, out var server, out var error), error);
        Assert.Equal(new LdapServer(host, port), server);
    }

    [Theory]
    [InlineData("", "server is missing")]
    [InlineData("ldaps://127.0.0.1", "only ldap:// is supported, not ldaps://")]
    [InlineData("ldap://127.0.0.1/dc=example,dc=test", "has more than host and port")]
    [InlineData("ldap://user@127.0.0.1", "has more than host and port")]
    public void Bad_servers_are_refused(string text, string error)
    {
        Assert.False(LdapServer.TryParse(text, out _, out var message));
        Assert.Contains(error, message);
    }

    [Fact]
    public void Valid_options_have_no_errors()
    {
        Assert.Empty(Valid.Validate());
        Assert.Empty((Valid with { BindDn = "cn=a", PasswordFile = "/etc/failover/ldap.pw", ExpectedAttribute = "o", ExpectedValue = "x" }).Validate());
        Assert.Empty((Valid with { BaseDn = "" }).Validate());
    }

    public static TheoryData<LdapProbeOptions, string> Invalid => new()
    {
        { Valid with { Server = "ldaps://x" }, "only ldap://" },
        { Valid with { Filter = "objectClass=*" }, "is not a parenthesised LDAP filter" },
        { Valid with { Password = "pw" }, "a password is set but no bind DN" },
        { Valid with { PasswordFile = "/pw" }, "a password is set but no bind DN" },
        { Valid with { BindDn = " ", Password = "pw" }, "bind DN is empty" },
        { Valid with { BindDn = "cn=a", Password = "pw", PasswordFile = "/pw" }, "both a password and a password file" },
        { Valid with { BindDn = "cn=a" }, "bind DN cn=a has no password or password file" },
        { Valid with { BindDn = "cn=a", Password = "" }, "which LDAP treats as an anonymous bind" },
        { Valid with { BindDn = "cn=a", PasswordFile = "" }, "password file path is empty" },
        { Valid with { ExpectedValue = "x" }, "an expected value is set but no expected attribute" },
        { Valid with { ExpectedAttribute = "o=x" }, "is not an attribute name" },
        { Valid with { Timeout = TimeSpan.Zero }, "timeout must be positive" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_reported(LdapProbeOptions options, string error)
    {
        var errors = options.Validate();
        Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => new LdapProbe("ldap1", options));
        Assert.Contains(error, thrown.Message);
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var errors = (Valid with { Server = "", Filter = "x", Timeout = TimeSpan.Zero }).Validate();
        Assert.Equal(3, errors.Count);
    }
}
