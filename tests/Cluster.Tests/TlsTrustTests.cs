using System.Security.Cryptography.X509Certificates;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.ClientLibrary.Security;
using Xunit;

namespace FaceKdGrid.Cluster.Tests;

/// <summary>Which peer certificates a silo or client accepts, checked in process with certificates made here.</summary>
public sealed class TlsTrustTests : IDisposable
{
    private const string Password = "test-only";

    private readonly string folder = Directory.CreateTempSubdirectory("facekd-trust-").FullName;
    private readonly TestAuthority clusterCa = TestAuthority.Create("facekd-test-ca");
    private readonly TestAuthority otherCa = TestAuthority.Create("facekd-other-ca");

    private string CaPath => Path.Combine(folder, "ca.pem");

    [Fact]
    public void TheClusterCaAdmitsWhatItIssuedAndNothingFromAnotherCa()
    {
        clusterCa.WriteCertificatePem(CaPath);
        var trust = PeerTrust.Load(CaPath, [], "Tls:CaCertificatePath", "Tls:AllowedThumbprints");

        using var member = Issue(clusterCa, "member");
        using var stranger = Issue(otherCa, "stranger");
        Assert.True(trust.Accepts(member));
        Assert.False(trust.Accepts(stranger));
    }

    [Fact]
    public void APinnedThumbprintAdmitsThatCertificateAlone()
    {
        using var pinned = Issue(otherCa, "pinned");
        using var sibling = Issue(otherCa, "sibling");
        // As openssl prints it: pairs of hex digits separated by colons.
        var written = string.Join(':', TlsCertificates.Thumbprint(pinned).Chunk(2).Select(pair => new string(pair)));
        var trust = PeerTrust.Load(null, [written.ToLowerInvariant()], "Tls:CaCertificatePath", "Tls:AllowedThumbprints");

        Assert.True(trust.Accepts(pinned));
        Assert.False(trust.Accepts(sibling));
    }

    [Theory]
    [InlineData(null, "Tls:CaCertificatePath: TLS needs the CA certificate")]
    [InlineData("0123abcd", "Tls:AllowedThumbprints: '0123abcd' is not a SHA-256 thumbprint")]
    public void TrustThatIsMissingOrMalformedIsRefusedNamingTheSetting(string? thumbprint, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PeerTrust.Load(null, thumbprint is null ? [] : [thumbprint], "Tls:CaCertificatePath", "Tls:AllowedThumbprints"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        clusterCa.Dispose();
        otherCa.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private X509Certificate2 Issue(TestAuthority authority, string name)
    {
        var path = Path.Combine(folder, $"{name}.pfx");
        authority.IssuePfx(path, name, Password);
        return X509CertificateLoader.LoadPkcs12FromFile(path, Password);
    }
}
