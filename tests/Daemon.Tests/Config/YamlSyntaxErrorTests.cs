namespace Failover.Daemon.Tests.Config;

/// <summary>A YAML syntax error is one error, at the position YamlDotNet reports, and nothing else.</summary>
public sealed class YamlSyntaxErrorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // A key indented deeper than its siblings, after a duplicate key that must not be reported too.
        { "groups: 1\ngroups: 2\n  vhid: 3\n", "3:7: YAML syntax error: While scanning a plain scalar value, found invalid mapping." },
        { "groups:\n  - name: dns\n vhid: 200\n", "3:2: YAML syntax error: While parsing a block mapping, did not find expected key." },
        { "node: { name: varda }\ngroups: [\n", "3:1: YAML syntax error: While parsing a node, did not find expected node content." },
        { "groups: [1, 2\n", "2:1: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'." },
        { "node: @varda\n", "1:7: YAML syntax error: While scanning for the next token, found character that cannot start any token." },
        // For tabs YamlDotNet points at the enclosing mapping (1:1) or the end of the line before; we point at the tab.
        { "# header\n\nnode:\n  name: varda\ngroups:\n\t- name: a\n", "6:1: YAML syntax error: While scanning a mapping, found invalid tab as indentation." },
        { "# header\n\nnode:\n  name: varda\n \tgroups: []\n", "5:2: YAML syntax error: While scanning a plain scalar, found a tab character that violate indentation." },
        { "node: { name: \"varda }\ngroups: []\n", "1:15: YAML syntax error: While scanning a multi-line double-quoted scalar, found wrong indentation." },
        // YamlDotNet 16.3 throws InvalidOperationException here rather than a YamlException.
        { "groups: [1, 2\nnode: x\n", "1:9: YAML syntax error: this flow collection is never closed with ']'" },
        { "node: { name: varda\ngroups: []\n", "1:7: YAML syntax error: this flow collection is never closed with '}'" },
        // Nesting is capped so a hostile file cannot exhaust the stack.
        { "groups: " + new string('[', 100) + new string(']', 100) + "\n", "1:73: YAML syntax error: nesting deeper than 64 levels" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Syntax_error_is_the_only_error(string yaml, string expected) =>
        Assert.Equal([expected], ConfigAssert.Errors(yaml));

    [Fact]
    public void Crlf_line_endings_count_as_one_line_break() =>
        Assert.Equal(
            ["3:11: vhid must be an integer from 1 to 255"],
            ConfigAssert.Errors("groups:\r\n  - name: dns\r\n    vhid: x\r\n    interface: eth0\r\n    password: x\r\n    vips: [10.4.0.1]\r\n"));
}
