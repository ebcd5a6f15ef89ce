namespace Failover.Monitors.Samba;

/// <summary>The NT status codes an SMB2 NEGOTIATE can plausibly draw (MS-ERREF 2.3.1), for reasons.</summary>
public static class NtStatus
{
    public const uint Success = 0x00000000;
    public const uint InvalidParameter = 0xC000000D;

    /// <summary>"0xC000000D (STATUS_INVALID_PARAMETER)", or just the hex for codes not listed.</summary>
    public static string Describe(uint status) => Known(status) is { } name ? $"0x{status:X8} ({name})" : $"0x{status:X8}";

    private static string? Known(uint status) => status switch
    {
        Success => "STATUS_SUCCESS",
        0xC0000001 => "STATUS_UNSUCCESSFUL",
        0xC0000002 => "STATUS_NOT_IMPLEMENTED",
        InvalidParameter => "STATUS_INVALID_PARAMETER",
        0xC0000022 => "STATUS_ACCESS_DENIED",
        0xC000009A => "STATUS_INSUFFICIENT_RESOURCES",
        0xC00000BB => "STATUS_NOT_SUPPORTED",
        0xC00000CC => "STATUS_BAD_NETWORK_NAME",
        0xC0000205 => "STATUS_INSUFF_SERVER_RESOURCES",
        0xC000020C => "STATUS_CONNECTION_DISCONNECTED",
        _ => null,
    };
}
