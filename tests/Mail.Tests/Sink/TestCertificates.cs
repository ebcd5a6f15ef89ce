using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Failover.Mail.Tests.Sink;

/// <summary>A throw-away CA and a relay certificate it signed (for 127.0.0.1 and "localhost"), written as
/// PEM files into a temp directory: what an admin with a site CA or a self-signed relay has.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("failover-certs-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Failover Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=sink.example", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(30), [1, 2, 3, 4]);

        CaFile = Path.Combine(Directory, "ca.pem");
        CertFile = Path.Combine(Directory, "relay.pem");
        KeyFile = Path.Combine(Directory, "relay.key");
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        File.WriteAllText(CertFile, leaf.ExportCertificatePem());
        File.WriteAllText(KeyFile, leafKey.ExportPkcs8PrivateKeyPem());
        RelaySha256 = Convert.ToHexString(SHA256.HashData(leaf.RawData));
    }

    public string Directory { get; }

    public string CaFile { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    /// <summary>SHA-256 of the relay certificate, uppercase hex.</summary>
    public string RelaySha256 { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
