using System.Net;

namespace Failover.Daemon.Tests.Config;

/// <summary>The top-level http: mapping (the metrics and status page endpoint): off unless written, loopback unless told.</summary>
public sealed class HttpConfigTests
{
    private const string Rest = """
        node: { name: vm-yavanna }
        groups:
          - { name: web, vhid: 1, interface: eth0, password: x, vips: [10.4.0.10/24] }
        """;

    [Fact]
    public void No_http_section_is_no_endpoint() => Assert.Null(ConfigAssert.Valid(Rest).Http);

    [Fact]
    public void An_empty_section_listens_on_localhost_9640() =>
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9640), ConfigAssert.Valid("http: {}\n" + Rest).Http!.Listen);

    [Theory]
    [InlineData("127.0.0.1:9100", "127.0.0.1:9100")]
    [InlineData("10.4.0.212", "10.4.0.212:9640")]
    [InlineData("0.0.0.0:9640", "0.0.0.0:9640")]
    public void Listen_is_an_address_and_optional_port(string listen, string endpoint) =>
        Assert.Equal(IPEndPoint.Parse(endpoint), ConfigAssert.Valid($"http: {{ listen: {listen} }}\n" + Rest).Http!.Listen);

    [Fact]
    public void Mistakes_are_reported_where_they_are()
    {
        var errors = ConfigAssert.Errors("""
            http:
              listen: localhost:9640
              lisen: 1
            """ + "\n" + Rest);

        Assert.Equal(
            [
                "2:11: http listen must be IPV4:PORT or IPV4, e.g. 127.0.0.1:9640 (0.0.0.0 for every address)",
                "3:3: unknown key 'lisen' in http (did you mean 'listen'?)",
            ],
            errors);
    }

    [Theory]
    [InlineData("http: { listen: 127.0.0.1:0 }", "1:17: http listen must be")]
    [InlineData("http: { listen: 127.0.0.1:65536 }", "1:17: http listen must be")]
    [InlineData("http: { listen: \"127.0.0.1:\" }", "1:17: http listen must be")]
    [InlineData("http: { listen: [127.0.0.1] }", "1:17: http listen must be")]
    [InlineData("http: 9640", "1:7: http must be a mapping, e.g. http: { listen: 127.0.0.1:9640 }")]
    [InlineData("http:", "1:1: http: is empty: write http: {} for the default (127.0.0.1:9640), or leave it out for no endpoint")]
    [InlineData("htttp: {}", "1:1: unknown key 'htttp' at top level (did you mean 'http'?)")]
    public void Bad_values_are_refused(string yaml, string error) =>
        Assert.StartsWith(error, Assert.Single(ConfigAssert.Errors(yaml + "\n" + Rest)));
}
