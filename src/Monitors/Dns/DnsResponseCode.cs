namespace Failover.Monitors.Dns;

/// <summary>The RCODE of a DNS header (RFC 1035 §4.1.1), named as dig prints them.</summary>
public static class DnsResponseCode
{
    public const int NoError = 0;
    public const int FormErr = 1;
    public const int ServFail = 2;
    public const int NXDomain = 3;
    public const int NotImp = 4;
    public const int Refused = 5;

    public static string Name(int rcode) => rcode switch
    {
        NoError => "NOERROR",
        FormErr => "FORMERR",
        ServFail => "SERVFAIL",
        NXDomain => "NXDOMAIN",
        NotImp => "NOTIMP",
        Refused => "REFUSED",
        _ => $"RCODE {rcode}",
    };
}
