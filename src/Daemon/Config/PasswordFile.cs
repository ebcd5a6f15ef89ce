namespace Failover.Daemon.Config;

/// <summary>Reads and checks a group's password_file: it must exist, be private to its owner, and hold a valid password.</summary>
internal static class PasswordFile
{
    // Far more than a 19-byte first line needs; bounds the read if the path names something huge.
    private const int MaxBytesRead = 1024;

    /// <returns>The password, or null after reporting every problem at <paramref name="at"/>.</returns>
    public static byte[]? Read(string path, TextPosition at, ConfigErrorCollector errors)
    {
        if (PrivateFile.ReadHead(path, "password_file", MaxBytesRead, at, errors, out var ownerOnly) is not { } head)
            return null;
        var password = CarpPassword.FirstLine(head);
        if (CarpPassword.Problem(password, $"the password in password_file {path}") is { } invalid)
        {
            errors.Add(at, invalid);
            return null;
        }
        return ownerOnly ? password.ToArray() : null;
    }
}
