using System.Text;

namespace Failover.Daemon.Config;

/// <summary>A group's CARP password: exactly one of <c>password</c> (inline) or <c>password_file</c>.</summary>
internal static class GroupPasswordBinder
{
    public static GroupPassword? Bind(KeyedMapping map, ValueReader read)
    {
        var inline = map.KeyNode("password");
        var file = map.KeyNode("password_file");
        if (inline is not null && file is not null)
        {
            var later = (inline.Position.Line, inline.Position.Column).CompareTo((file.Position.Line, file.Position.Column)) > 0
                ? inline
                : file;
            read.Report(later.Position, "password and password_file are mutually exclusive; keep only one");
            return null;
        }
        if (inline is null && file is null)
        {
            read.Report(map.Position, "missing required key 'password_file' (or 'password') in group");
            return null;
        }

        if (inline is not null)
        {
            var node = map.Required("password")!;
            if (read.Text(node, $"password must be a string of 1 to {GroupConfig.MaxPasswordBytes} bytes") is not { } text)
                return null;
            var bytes = Encoding.UTF8.GetBytes(text);
            if (CarpPassword.Problem(bytes, "password") is { } problem)
            {
                read.Report(node.Position, problem);
                return null;
            }
            return new GroupPassword(bytes, null);
        }

        var pathNode = map.Required("password_file")!;
        if (read.AbsolutePath(pathNode, "password_file must be an absolute path") is not { } path)
            return null;
        return PasswordFile.Read(path, pathNode.Position, read.Errors) is { } fromFile ? new GroupPassword(fromFile, path) : null;
    }
}
