namespace Failover.Monitors.Samba;

/// <summary>
/// The optional second half of a <see cref="SambaProbe"/>: on its first run and every <see cref="Every"/>th
/// after, smbclient logs on with a service account, connects to <see cref="Share"/>, and lists its root or
/// reads <see cref="Path"/>. A NEGOTIATE proves smbd answers; this proves it still serves the data.
/// </summary>
public sealed record SambaShareCheck
{
    public const int DefaultEvery = 10;
    public const string DefaultSmbclient = "/usr/bin/smbclient";

    /// <summary>Characters Windows and Samba refuse in a share name, and ';' which would split smbclient's -c.</summary>
    private const string ForbiddenInShareName = "\\/:*?\"<>|;,=+[]%";

    /// <summary>The share's name, as in //server/NAME.</summary>
    public required string Share { get; init; }

    /// <summary>An smbclient authentication file (<c>-A</c>: <c>username = …</c>, <c>password = …</c>,
    /// optionally <c>domain = …</c>): the password never appears on a command line.</summary>
    public required string AuthFile { get; init; }

    /// <summary>The account the file names, for reasons ("logon to 10.4.0.2 as probe refused").</summary>
    public required string Account { get; init; }

    /// <summary>A file to read, relative to the share's root; null lists the root instead.</summary>
    public string? Path { get; init; }

    /// <summary>Check the share on the first run and then on every Nth; after a failed check, on every run
    /// until it passes again, so recovery is seen within <c>rise</c> runs.</summary>
    public int Every { get; init; } = DefaultEvery;

    public string Smbclient { get; init; } = DefaultSmbclient;

    /// <summary>Why <paramref name="name"/> cannot be a share name, or null when it can.</summary>
    public static string? ShareNameProblem(string name) =>
        name.Length is 0 or > 80 ? "must be 1 to 80 characters"
        : name.Any(c => char.IsControl(c) || ForbiddenInShareName.Contains(c)) ? $"must not contain control characters or any of {ForbiddenInShareName}"
        : null;

    /// <summary>Why <paramref name="path"/> cannot be passed to smbclient's <c>get</c>, or null when it can:
    /// its <c>-c</c> splits commands at ';' and arguments at '"'.</summary>
    public static string? PathProblem(string path) =>
        path.Trim('/', '\\').Length == 0 ? "must name a file in the share"
        : path.Any(c => char.IsControl(c) || c is '"' or ';') ? "must not contain control characters, '\"' or ';'"
        : null;
}
