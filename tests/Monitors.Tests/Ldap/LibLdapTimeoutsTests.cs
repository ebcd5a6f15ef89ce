using Failover.Monitors.Ldap;
using Xunit;

namespace Failover.Monitors.Tests.Ldap;

public sealed class LibLdapTimeoutsTests
{
    // From /proc/self/maps of a process that loaded libldap-2.5.so.0 (Debian 12).
    private static readonly string[] Maps =
    [
        "7f28ebf1b000-7f28ebf1e000 r--p 00000000 fe:00 332455                     /usr/lib/x86_64-linux-gnu/liblber-2.5.so.0.1.8",
        "7f28ebf2b000-7f28ebf3b000 r--p 00000000 fe:00 332459                     /usr/lib/x86_64-linux-gnu/libldap-2.5.so.0.1.8",
        "7f28ebf3b000-7f28ebf74000 r-xp 00010000 fe:00 332459                     /usr/lib/x86_64-linux-gnu/libldap-2.5.so.0.1.8",
        "7f28ec61e000-7f28ec644000 r--p 00000000 fe:00 332096                     /usr/lib/x86_64-linux-gnu/libc.so.6",
        "7ffd5e1d4000-7ffd5e1f5000 rw-p 00000000 00:00 0                          [stack]",
    ];

    [Fact]
    public void The_mapped_libldap_is_found_by_its_file_name() =>
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libldap-2.5.so.0.1.8", LibLdapTimeouts.MappedLibrary(Maps));

    [Fact]
    public void Other_libraries_and_the_threaded_twin_are_not_taken()
    {
        Assert.Null(LibLdapTimeouts.MappedLibrary([Maps[0], Maps[3], Maps[4]]));
        Assert.Null(LibLdapTimeouts.MappedLibrary(["7f00-7f01 r--p 0 fe:00 1   /usr/lib/libldap_r-2.4.so.2.10.7"]));
        Assert.Null(LibLdapTimeouts.MappedLibrary(["7f00-7f01 r--p 0 fe:00 1   /usr/lib/ldap/back_mdb.so"]));
        Assert.Equal("/usr/lib64/libldap.so.2.0.200", LibLdapTimeouts.MappedLibrary(["7f00-7f01 r--p 0 fd:00 1   /usr/lib64/libldap.so.2.0.200"]));
    }
}
