using System.Text.RegularExpressions;

namespace Failover.Daemon.Tests.Config;

/// <summary>
/// A scratch directory standing in for /etc/failover while a template is checked: every file a template
/// names under /etc/failover/ that the loader reads (a CARP key <c>*.key</c>, a smbclient auth file
/// <c>*.auth</c>) is made there, mode 0600, and the template's text points at it. Scripts named there
/// (vip-up.sh) are not made: the loader only checks that exec paths are absolute.
/// </summary>
internal sealed partial class TemplateEtc : IDisposable
{
    public const string Etc = "/etc/failover/";

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>The template's text with /etc/failover/ moved here, and its private files in place.</summary>
    public string Adapt(string template)
    {
        foreach (var name in EtcPath().Matches(template).Select(m => m.Groups["name"].Value).Distinct())
        {
            if (PrivateContent(name) is { } content && !File.Exists(Path.Combine(dir.Path, name)))
                dir.WriteFile(name, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return template.Replace(Etc, dir.Path + "/", StringComparison.Ordinal);
    }

    private static string? PrivateContent(string name) =>
        name.EndsWith(".key", StringComparison.Ordinal) ? "s3cret\n"
        : name.EndsWith(".auth", StringComparison.Ordinal) ? "username = probe\npassword = probe-secret\n"
        : null;

    [GeneratedRegex(@"/etc/failover/(?<name>[A-Za-z0-9._-]+)")]
    private static partial Regex EtcPath();
}
