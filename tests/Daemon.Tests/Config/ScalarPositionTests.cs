using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>ScalarNode.PositionAt: where a character of a value is in the file, for every way YAML writes a string.</summary>
public sealed class ScalarPositionTests
{
    private static ScalarNode Value(string yaml)
    {
        Assert.True(YamlTreeReader.TryRead(yaml, new ConfigErrorCollector("t.yaml"), out var root));
        return Assert.IsType<ScalarNode>(Assert.IsType<MappingNode>(root).Find("k")!.Value);
    }

    [Theory]
    [InlineData("k: ab cd ef\n", "cd", "1:7")]
    [InlineData("k: \"ab cd ef\"\n", "cd", "1:8")]
    [InlineData("k: 'ab cd ef'\n", "cd", "1:8")]
    [InlineData("k: >\n  ab\n  cd ef\n", "cd", "3:3")]
    [InlineData("k: >- # folded\n  ab\n  cd ef\n", "ef", "3:6")]
    [InlineData("k: |\n  ab\n    cd ef\n", "ef", "3:8")]
    [InlineData("k: ab\n  cd  ef\n", "ef", "2:7")]
    [InlineData("k: \"ab\n  cd ef\"\n", "ef", "2:6")]
    [InlineData("{ k: ab cd }\n", "cd", "1:9")]
    public void A_character_of_the_value_is_found_in_the_text(string yaml, string token, string position)
    {
        var node = Value(yaml);
        Assert.Equal(position, node.PositionAt(node.Value.IndexOf(token, StringComparison.Ordinal)).ToString());
    }

    [Theory]
    [InlineData("k: \"a\\tb cd\"\n")]
    [InlineData("k: 'it''s cd'\n")]
    public void Escapes_fall_back_to_the_start_of_the_scalar(string yaml)
    {
        var node = Value(yaml);
        Assert.Equal(node.Position, node.PositionAt(node.Value.IndexOf("cd", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_end_of_the_value_is_just_past_its_last_character()
    {
        var node = Value("k: \"ab cd\"  # x\n");
        Assert.Equal("1:10", node.PositionAt(node.Value.Length).ToString());
        Assert.Equal("1:7", node.PositionAt(2).ToString()); // a blank: just past "ab"
    }

    [Fact]
    public void Any_offset_of_any_scalar_gives_a_position_in_the_file()
    {
        string[] values = ["plain text here", "\"quoted \\\" text\"", "'single '' quoted'", ">\n  folded\n  text\n", "|+\n  literal\n\n  text\n", "\"\"", "''", "~", "|\n"];
        foreach (var value in values)
        {
            var yaml = "k: " + value + "\n";
            var node = Value(yaml);
            var lines = yaml.Split('\n');
            for (var offset = -1; offset <= node.Value.Length + 1; offset++)
            {
                var at = node.PositionAt(offset);
                Assert.InRange(at.Line, 1, lines.Length);
                Assert.InRange(at.Column, 1, lines[at.Line - 1].Length + 1);
            }
        }
    }
}
