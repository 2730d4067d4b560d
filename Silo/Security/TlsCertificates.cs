using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace FaceKdGrid.Silo.Security;

/// <summary>The TLS setup silos and clients share: a certificate with its key from a PFX file, and who is trusted.</summary>
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

    /// <summary>Both ends of every connection present a certificate; self-signed ones pass only when allowed.</summary>
    public static void Configure(TlsOptions options, bool allowUntrusted)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        if (allowUntrusted)
        {
            options.AllowAnyRemoteCertificate();
        }
    }
}
