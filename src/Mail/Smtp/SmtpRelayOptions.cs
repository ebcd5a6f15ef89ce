namespace Failover.Mail.Smtp;

/// <summary>Where and how to hand mail to the relay.</summary>
public sealed record SmtpRelayOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 25;

    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTls;

    /// <summary>PEM file of the CA(s) that sign the relay's certificate, for a site CA or a self-signed
    /// relay; replaces the system trust store. The host name is still checked.</summary>
    public string? CaFile { get; init; }

    /// <summary>SHA-256 fingerprint of the relay's certificate (hex, colons allowed). When set, exactly
    /// this certificate is accepted and nothing else, whatever the chain says.</summary>
    public string? PinnedSha256 { get; init; }

    /// <summary>Name to check the certificate against; default <see cref="Host"/> (set it when Host is
    /// an address).</summary>
    public string? TlsServerName { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Sending a password over plain text needs this, on purpose.</summary>
    public bool AllowAuthWithoutTls { get; init; }

    /// <summary>Name we give in EHLO; default the host name.</summary>
    public string? HeloName { get; init; }

    /// <summary>Deadline for connecting and for every single read and write.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>"host:port" as error messages name the relay.</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Never prints the password (a record's generated ToString would).</summary>
    public override string ToString() =>
        $"relay {Endpoint} tls={Tls} user={Username ?? "-"}{(PinnedSha256 is null ? "" : " pinned")}{(CaFile is null ? "" : $" ca={CaFile}")}";
}
