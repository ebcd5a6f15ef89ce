namespace Failover.Daemon.Config;

internal sealed record ScalarNode(TextPosition Position, string Value, bool IsPlain) : ConfigNode(Position)
{
    // YAML 1.2 core schema nulls; a quoted "" or "null" is a string, not a null.
    public override bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}
