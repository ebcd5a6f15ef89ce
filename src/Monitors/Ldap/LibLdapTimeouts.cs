using System.Runtime.InteropServices;

namespace Failover.Monitors.Ldap;

/// <summary>
/// Gives each new libldap handle a timeout for its synchronous calls. System.DirectoryServices.Protocols
/// binds with <c>ldap_sasl_bind_s</c>, which waits for the answer only as long as the handle's
/// LDAP_OPT_TIMEOUT allows, and it never sets that option: against a server that took the connection but
/// never answers (frozen, or gone without a reset reaching us) the bind, and the probe thread with it,
/// waits forever, and the probe refuses every later run. libldap copies its global options into each
/// handle that <c>ldap_initialize</c> makes, and LdapConnection's constructor makes its handle, so the
/// global timeout is set just before, under a lock.
/// </summary>
/// <remarks>The library is the one S.DS.P loaded (found in /proc/self/maps), so the option lands in the
/// copy of libldap that holds the handles. If it cannot be found, connections are made without the
/// timeout and the probe's outer deadline is the only guard, as before.</remarks>
internal static unsafe class LibLdapTimeouts
{
    // ldap.h
    private const int OptTimeout = 0x5002;
    private const int OptNetworkTimeout = 0x5005;

    private static readonly Lock Gate = new();
    private static bool _resolved;
    private static delegate* unmanaged<nint, int, void*, int> _setOption;

    /// <summary>Calls <paramref name="create"/> (which must construct the LdapConnection) with libldap's
    /// global synchronous-call and connect timeouts set to <paramref name="timeout"/>.</summary>
    public static T Create<T>(Func<T> create, TimeSpan timeout)
        where T : IDisposable
    {
        lock (Gate)
        {
            if (!_resolved)
            {
                // The first connection loads libldap; only then can its ldap_set_option be found.
                create().Dispose();
                _setOption = Resolve();
                _resolved = true;
            }
            if (_setOption is not null)
            {
                var limit = TimeValue.From(timeout);
                _ = _setOption(0, OptTimeout, &limit);
                _ = _setOption(0, OptNetworkTimeout, &limit);
            }
            return create();
        }
    }

    /// <summary>The path of the libldap this process has mapped, from /proc/self/maps lines; null if none
    /// (libldap_r, OpenLDAP 2.4's threaded twin, is not the one S.DS.P loads). Pure.</summary>
    public static string? MappedLibrary(IEnumerable<string> maps) =>
        maps.Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..].Trim() : "")
            .FirstOrDefault(path => Path.GetFileName(path) is var name
                && name.StartsWith("libldap", StringComparison.Ordinal) && !name.StartsWith("libldap_r", StringComparison.Ordinal)
                && name.Contains(".so", StringComparison.Ordinal));

    private static delegate* unmanaged<nint, int, void*, int> Resolve()
    {
        try
        {
            var path = MappedLibrary(File.ReadLines("/proc/self/maps"));
            return path is not null && NativeLibrary.TryLoad(path, out var library)
                && NativeLibrary.TryGetExport(library, "ldap_set_option", out var export)
                    ? (delegate* unmanaged<nint, int, void*, int>)export
                    : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>struct timeval: two C longs, which are pointer-sized on Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public nint Seconds;
        public nint Microseconds;

        public static TimeValue From(TimeSpan span)
        {
            var micros = Math.Max(1, (long)(span.Ticks / TimeSpan.TicksPerMicrosecond));
            return new TimeValue { Seconds = (nint)(micros / 1_000_000), Microseconds = (nint)(micros % 1_000_000) };
        }
    }
}
