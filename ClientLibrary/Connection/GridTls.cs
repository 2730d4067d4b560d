using FaceKdGrid.ClientLibrary.Security;

namespace FaceKdGrid.ClientLibrary.Connection;

/// <summary>
/// The client's side of a mutual-TLS cluster: its certificate, with its private key, and which silos it trusts
/// (<see cref="PeerTrust"/>: the cluster's CA or pinned thumbprints); a null <paramref name="Trust"/> accepts any silo,
/// for development only.
/// </summary>
public sealed record GridTls(System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, PeerTrust? Trust)
{
    /// <summary>
    /// From files: a PFX with the certificate and key, and the CA certificate (PEM) or SHA-256 thumbprints the silos'
    /// certificates must match, unless <paramref name="allowUntrusted"/>. Errors (<see cref="ArgumentException"/>) name the parameter.
    /// </summary>
    public static GridTls FromFiles(string certificatePath, string? certificatePassword, string? caCertificatePath, IReadOnlyCollection<string>? thumbprints, bool allowUntrusted = false) =>
        new(
            TlsCertificates.Load(certificatePath, certificatePassword, nameof(certificatePath), nameof(certificatePassword)),
            allowUntrusted ? null : PeerTrust.Load(caCertificatePath, thumbprints, nameof(caCertificatePath), nameof(thumbprints)));
}
