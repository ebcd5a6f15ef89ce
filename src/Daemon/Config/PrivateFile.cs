namespace Failover.Daemon.Config;

/// <summary>
/// Reads the head of a file that holds a secret (a group's password_file, a samba auth_file): it must
/// exist, be a file, and give no access to group or others.
/// </summary>
internal static class PrivateFile
{
    /// <param name="key">How messages name the file: "password_file", "samba auth_file".</param>
    /// <param name="ownerOnly">False when group or others may access it: that is reported, and the caller
    /// must not use the content (it is still returned so that its own problems can be reported too).</param>
    /// <returns>The first <paramref name="maxBytes"/> bytes, or null after reporting why they cannot be read.</returns>
    public static byte[]? ReadHead(string path, string key, int maxBytes, TextPosition at, ConfigErrorCollector errors, out bool ownerOnly)
    {
        ownerOnly = false;
        if (Directory.Exists(path))
        {
            errors.Add(at, $"{key} {path} is a directory, not a file");
            return null;
        }

        if (!TryGetMode(path, key, out var mode, out var problem))
        {
            errors.Add(at, problem);
            return null;
        }
        var sharedBits = mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        if (sharedBits != 0)
        {
            var how = (sharedBits & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0 ? "readable" : "accessible";
            errors.Add(at, $"{key} {path} is {how} by group or others (mode {Octal(mode)}); chmod 600 it");
        }

        if (!TryReadHead(path, key, maxBytes, out var head, out problem))
        {
            errors.Add(at, problem);
            return null;
        }
        ownerOnly = sharedBits == 0;
        return head;
    }

    private static bool TryGetMode(string path, string key, out UnixFileMode mode, out string problem)
    {
        mode = default;
        problem = "";
        if (OperatingSystem.IsWindows())
            return true; // failoverd is Linux-only; this keeps the platform analyzer satisfied.
        try
        {
            mode = File.GetUnixFileMode(path);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = $"{key} {path} does not exist";
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problem = $"cannot read {key} {path}: {e.Message}";
        }
        return false;
    }

    private static bool TryReadHead(string path, string key, int maxBytes, out byte[] head, out string problem)
    {
        head = [];
        problem = "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var buffer = new byte[maxBytes];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            head = buffer[..length];
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            problem = $"cannot read {key} {path}: permission denied";
        }
        catch (IOException e)
        {
            problem = $"cannot read {key} {path}: {e.Message}";
        }
        return false;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
