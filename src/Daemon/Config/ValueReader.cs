using Failover.Rules.Language;

namespace Failover.Daemon.Config;

/// <summary>
/// Reads typed values from scalar nodes. Each method returns null after reporting its message at the
/// value's position, so a binder can read every key and collect every error in one pass.
/// </summary>
internal sealed class ValueReader(ConfigErrorCollector errors)
{
    public ConfigErrorCollector Errors => errors;

    public void Report(TextPosition at, string message) => errors.Add(at, message);

    /// <summary>Any non-null scalar, quoted or not, that passes <paramref name="isValid"/> if given.</summary>
    public string? Text(ConfigNode node, string message, Func<string, bool>? isValid = null)
    {
        if (node is ScalarNode { IsNull: false } scalar && (isValid is null || isValid(scalar.Value)))
            return scalar.Value;
        errors.Add(node.Position, message);
        return null;
    }

    /// <summary>Plain decimal digits only: no sign, no hex, no 1e3.</summary>
    public int? Integer(ConfigNode node, int min, int max, string message)
    {
        if (node is ScalarNode { IsNull: false } scalar
            && scalar.Value.Length is > 0 and <= 9
            && scalar.Value.All(char.IsAsciiDigit)
            && int.Parse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture) is var value
            && value >= min && value <= max)
        {
            return value;
        }
        errors.Add(node.Position, message);
        return null;
    }

    /// <summary>true or false (any case); YAML 1.1's yes/no/on/off are refused as ambiguous.</summary>
    public bool? Boolean(ConfigNode node, string message)
    {
        if (node is ScalarNode scalar)
        {
            if (scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase))
                return true;
            if (scalar.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        errors.Add(node.Position, message);
        return null;
    }

    /// <param name="name">How the message names the key: "timeout", "garp interval".</param>
    public TimeSpan? Duration(ConfigNode node, string name, TimeSpan min, TimeSpan max, string? rangeNote = null)
    {
        if (node is not ScalarNode scalar || !DurationLiteral.TryParse(scalar.Value, out var value))
        {
            errors.Add(node.Position, $"{name} must be a duration: {DurationLiteral.Syntax}");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(node.Position,
                $"{name} must be from {DurationLiteral.Format(min)} to {DurationLiteral.Format(max)}{rangeNote}");
            return null;
        }
        return value;
    }

    /// <summary>A dotted-quad IPv4 address.</summary>
    public System.Net.IPAddress? Ipv4(ConfigNode node, string message)
    {
        if (node is ScalarNode { IsNull: false } scalar && Ipv4Text.TryParse(scalar.Value, out var address))
            return address;
        errors.Add(node.Position, message);
        return null;
    }

    /// <summary>A port number, 1 to 65535.</summary>
    public int? Port(ConfigNode node, string what) => Integer(node, 1, 65535, $"{what} must be a port number from 1 to 65535");

    /// <summary>An absolute path: a daemon's working directory is no place to resolve relative ones against.</summary>
    public string? AbsolutePath(ConfigNode node, string message) =>
        Text(node, message, path => path.StartsWith('/') && !path.Contains('\0'));
}
