using System.DirectoryServices.Protocols;
using Failover.Monitors.Ldap;
using Xunit;

namespace Failover.Monitors.Tests.Ldap;

public sealed class LdapFailureTests
{
    private static readonly LdapServer Server = new("127.0.0.1", 389);

    private static LdapQuery Query(string? bindDn = "cn=probe,dc=example,dc=test") =>
        new(Server, bindDn, "pw", "dc=example,dc=test", "(objectClass=*)", null, TimeSpan.FromSeconds(2));

    [Theory]
    [InlineData(49, "bind refused: invalid credentials for cn=probe,dc=example,dc=test")]
    [InlineData(48, "bind refused: inappropriate authentication for cn=probe,dc=example,dc=test")]
    [InlineData(81, "server down: cannot connect to ldap://127.0.0.1:389")]
    [InlineData(91, "server down: cannot connect to ldap://127.0.0.1:389")]
    [InlineData(85, "timed out talking to ldap://127.0.0.1:389")]
    [InlineData(32, "no such object: dc=example,dc=test")]
    [InlineData(50, "insufficient access to dc=example,dc=test as cn=probe,dc=example,dc=test")]
    [InlineData(51, "ldap://127.0.0.1:389 is busy")]
    [InlineData(52, "ldap://127.0.0.1:389 is unavailable")]
    [InlineData(53, "ldap://127.0.0.1:389 unwilling to perform: the message")]
    [InlineData(87, "bad search filter (objectClass=*)")]
    [InlineData(80, "LDAP error 80 from ldap://127.0.0.1:389: the message")]
    public void Ldap_exception_result_codes_become_reasons(int code, string reason) =>
        Assert.Equal(reason, LdapFailure.Describe(new LdapException(code, "the message"), Query()));

    [Fact]
    public void An_anonymous_bind_refused_says_so() =>
        Assert.Equal("anonymous bind refused by ldap://127.0.0.1:389: unwilling to perform",
            LdapFailure.Describe(new LdapException(53, "x"), Query(bindDn: null)));

    [Fact]
    public void No_such_object_on_the_rootdse_names_it() =>
        Assert.Equal("no such object: the RootDSE",
            LdapFailure.Describe(new LdapException(32, "x"), Query() with { BaseDn = "" }));

    [Fact]
    public void A_directory_operation_without_a_response_keeps_its_message() =>
        Assert.Equal("LDAP error talking to ldap://127.0.0.1:389: gone",
            LdapFailure.Describe(new DirectoryOperationException("gone"), Query()));

    [Fact]
    public void A_missing_libldap_says_which_package() =>
        Assert.StartsWith("cannot load libldap (install libldap-2.5-0)",
            LdapFailure.Describe(new DllNotFoundException("libldap-2.5.so.0"), Query()));

    [Fact]
    public void Ipv6_servers_print_in_brackets()
    {
        Assert.True(LdapServer.TryParse("[::1]:1389", out var server, out _));
        Assert.Equal("ldap://[::1]:1389", server.ToString());
    }
}
