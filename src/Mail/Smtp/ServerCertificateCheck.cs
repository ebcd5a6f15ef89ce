using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Failover.Mail.Smtp;

/// <summary>
/// Decides whether to trust the relay's certificate. There is deliberately no "accept anything": a
/// self-signed relay is trusted through a CA file or a pinned fingerprint.
/// </summary>
internal sealed class ServerCertificateCheck
{
    private readonly X509Certificate2Collection? _roots;
    private readonly byte[]? _pin;

    public ServerCertificateCheck(string? caFile, string? pinnedSha256)
    {
        if (caFile is not null)
        {
            _roots = [];
            _roots.ImportFromPemFile(caFile);
            if (_roots.Count == 0)
            {
                throw new ArgumentException($"CA file {caFile} holds no certificate", nameof(caFile));
            }
        }
        if (pinnedSha256 is not null)
        {
            _pin = ParseFingerprint(pinnedSha256);
        }
    }

    /// <summary>Why the last certificate was refused, for the error message.</summary>
    public string? LastRefusal { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            LastRefusal = "relay sent no certificate";
            return false;
        }
        if (_pin is not null)
        {
            var actual = SHA256.HashData(certificate.GetRawCertData());
            if (CryptographicOperations.FixedTimeEquals(actual, _pin))
            {
                return true;
            }
            LastRefusal = $"certificate SHA-256 {Convert.ToHexString(actual)} is not the pinned one";
            return false;
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            LastRefusal = $"certificate name does not match ({certificate.Subject})";
            return false;
        }
        if (_roots is null)
        {
            LastRefusal = errors == SslPolicyErrors.None ? null : $"certificate not trusted ({errors}; {certificate.Subject})";
            return errors == SslPolicyErrors.None;
        }
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(_roots);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        using var leaf = new X509Certificate2(certificate);
        if (own.Build(leaf))
        {
            return true;
        }
        LastRefusal = "certificate not signed by the configured CA: "
            + string.Join(", ", own.ChainStatus.Select(s => s.StatusInformation.Trim()));
        return false;
    }

    internal static byte[] ParseFingerprint(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (hex.StartsWith("sha256/", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[7..];
        }
        try
        {
            var bytes = Convert.FromHexString(hex);
            if (bytes.Length == 32)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }
        throw new ArgumentException($"pinned fingerprint \"{text}\" is not a SHA-256 in hex", nameof(text));
    }
}
