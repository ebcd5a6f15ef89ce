using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A throw-away CA and a relay certificate it signed for one address, as PEM files in a directory of the lab's
/// work directory: what an admin with a site CA has. Another instance is another CA (a wrong <c>ca_file</c>).
/// </summary>
public sealed class RelayCertificates
{
    private RelayCertificates(string directory, string relaySha256)
    {
        CaFile = Path.Combine(directory, "ca.pem");
        CertFile = Path.Combine(directory, "relay.pem");
        KeyFile = Path.Combine(directory, "relay.key");
        RelaySha256 = relaySha256;
    }

    public string CaFile { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    /// <summary>SHA-256 of the relay certificate, upper-case hex (what <c>pin_sha256</c> takes).</summary>
    public string RelaySha256 { get; }

    /// <param name="name">The directory under the lab's work directory ("tls", "other-ca").</param>
    public static RelayCertificates Create(NetLab lab, string name, IPAddress relay)
    {
        var directory = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, name)).FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=Failover Lab CA {name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=mx.example.test", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(relay);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));

        var certificates = new RelayCertificates(directory, Convert.ToHexString(SHA256.HashData(leaf.RawData)));
        File.WriteAllText(certificates.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(certificates.CertFile, leaf.ExportCertificatePem());
        File.WriteAllText(certificates.KeyFile, leafKey.ExportPkcs8PrivateKeyPem());
        return certificates;
    }
}
