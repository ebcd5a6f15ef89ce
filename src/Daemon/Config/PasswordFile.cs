namespace Failover.Daemon.Config;

/// <summary>Reads and checks a group's password_file: it must exist, be private to its owner, and hold a valid password.</summary>
internal static class PasswordFile
{
    // Far more than a 19-byte first line needs; bounds the read if the path names something huge.
    private const int MaxBytesRead = 1024;

    /// <returns>The password, or null after reporting every problem at <paramref name="at"/>.</returns>
    public static byte[]? Read(string path, TextPosition at, ConfigErrorCollector errors)
    {
        if (Directory.Exists(path))
        {
            errors.Add(at, $"password_file {path} is a directory, not a file");
            return null;
        }

        if (!TryGetMode(path, out var mode, out var problem))
        {
            errors.Add(at, problem);
            return null;
        }
        var sharedBits = mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        var ownerOnly = sharedBits == 0;
        if (!ownerOnly)
        {
            var how = (sharedBits & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0 ? "readable" : "accessible";
            errors.Add(at, $"password_file {path} is {how} by group or others (mode {Octal(mode)}); chmod 600 it");
        }

        if (!TryReadHead(path, out var head, out problem))
        {
            errors.Add(at, problem);
            return null;
        }
        var password = CarpPassword.FirstLine(head);
        if (CarpPassword.Problem(password, $"the password in password_file {path}") is { } invalid)
        {
            errors.Add(at, invalid);
            return null;
        }
        return ownerOnly ? password.ToArray() : null;
    }

    private static bool TryGetMode(string path, out UnixFileMode mode, out string problem)
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
            problem = $"password_file {path} does not exist";
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problem = $"cannot read password_file {path}: {e.Message}";
        }
        return false;
    }

    private static bool TryReadHead(string path, out byte[] head, out string problem)
    {
        head = [];
        problem = "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var buffer = new byte[MaxBytesRead];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            head = buffer[..length];
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            problem = $"cannot read password_file {path}: permission denied";
        }
        catch (IOException e)
        {
            problem = $"cannot read password_file {path}: {e.Message}";
        }
        return false;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
