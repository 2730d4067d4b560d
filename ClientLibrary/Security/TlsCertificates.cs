using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace FaceKdGrid.ClientLibrary.Security;

/// <summary>The TLS setup silos and clients share: a certificate with its key from a PFX file, and how peers are checked.</summary>
public static class TlsCertificates
{
    /// <summary>Loads the PFX; errors name <paramref name="pathSetting"/> and never show the password.</summary>
    public static X509Certificate2 Load(string? path, string? password, string pathSetting, string passwordSetting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{pathSetting}: TLS needs a PFX file with the certificate and its private key", pathSetting);
        }
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{pathSetting}: '{path}' does not exist", pathSetting);
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException error)
        {
            throw new ArgumentException($"{pathSetting}: '{path}' is not a PFX file that opens with the {passwordSetting} given ({error.GetType().Name})", pathSetting);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"{pathSetting}: '{path}' holds no private key", pathSetting);
        }
        return certificate;
    }

    /// <summary>
    /// Both ends of every connection, silo-to-silo and client-to-gateway, present a certificate and check the other's
    /// against <paramref name="trust"/>; a null trust accepts any certificate (Tls:AllowUntrustedCertificates, development only).
    /// </summary>
    public static void Configure(TlsOptions options, PeerTrust? trust)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        if (trust is null)
        {
            options.AllowAnyRemoteCertificate();
        }
        else
        {
            // The platform's verdict (policy errors) is against the machine's trust store and the host name: not ours to use.
            options.RemoteCertificateValidation = (certificate, _, _) => trust.Accepts(certificate);
        }
    }

    /// <summary>The SHA-256 thumbprint in upper-case hex: what Tls:AllowedThumbprints and --tls-thumbprint pin.</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>Enough to recognise a certificate in an error message, and to pin it.</summary>
    public static string Describe(X509Certificate2 certificate) =>
        $"'{certificate.Subject}' issued by '{certificate.Issuer}', SHA-256 {Thumbprint(certificate)}";
}
