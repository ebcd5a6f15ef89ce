namespace Failover.Daemon.Tests.Config;

/// <summary>docs/rules.md: every rules: example in it must be valid configuration.</summary>
public sealed class RulesDocumentationTests
{
    private const string GroupHead = """
        groups:
          - name: pair
            vhid: 200
            interface: eth0
            password: x
            vips: [10.4.0.10/24]
            monitors:
              - { name: bind, dns: { server: 127.0.0.1, query: www.example.test } }
              - { name: dhcpd, dhcp: { server: 10.4.0.1, local: 10.4.0.102, expect_server: 10.4.0.1 } }
              - { name: smbd, samba: { server: 10.4.0.2 } }
              - { name: slapd, ldap: { server: "ldap://10.4.0.2", base: "dc=example,dc=org" } }
              - { name: disks, drbd: { resources: [r0], source: events2 } }

        """;

    private static string Document()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "rules.md");
            if (File.Exists(candidate))
                return File.ReadAllText(candidate);
        }
        throw new FileNotFoundException("docs/rules.md not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Examples()
    {
        var examples = new TheoryData<string>();
        var blocks = Document().Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        foreach (var block in blocks.Where(b => b.StartsWith("rules:", StringComparison.Ordinal)))
            examples.Add(block);
        return examples;
    }

    [Fact]
    public void The_document_has_the_seed_examples()
    {
        Assert.True(Examples().Count >= 3);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_binds(string example)
    {
        var yaml = GroupHead + string.Join('\n', example.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
        var rules = ConfigAssert.Valid(yaml).Groups[0].Rules;
        Assert.NotEmpty(rules);
    }
}
