using System.Text;

namespace Failover.Daemon.Http;

/// <summary>A whole HTTP response: the endpoint's answers are small and built in memory.</summary>
/// <param name="Allow">The Allow header of a 405; null otherwise.</param>
public sealed record HttpReply(int Status, string ContentType, string Body, string? Allow = null)
{
    public static HttpReply Text(int status, string body, string? allow = null) => new(status, "text/plain; charset=utf-8", body + "\n", allow);

    /// <summary>Status line, headers and (unless <paramref name="head"/>) body, as sent; the connection closes after it.</summary>
    public byte[] Encode(bool head)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var headers = new StringBuilder()
            .Append("HTTP/1.1 ").Append(Status).Append(' ').Append(ReasonPhrase(Status)).Append("\r\n")
            .Append("Content-Type: ").Append(ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Cache-Control: no-store\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            // No script, no frame, nothing fetched: the page is inline HTML, CSS and SVG.
            .Append("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'\r\n");
        if (Allow is not null)
            headers.Append("Allow: ").Append(Allow).Append("\r\n");
        headers.Append("Connection: close\r\n\r\n");
        var start = Encoding.ASCII.GetBytes(headers.ToString());
        return head ? start : [.. start, .. body];
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
