using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FaceKdGrid.ClientLibrary.Security;

/// <summary>
/// Which certificates a silo or client accepts from its peers: those whose chain ends at one of the cluster's own CA
/// certificates (never the machine's trust store, which would admit anyone a public CA serves), and those pinned by
/// SHA-256 thumbprint.
/// </summary>
public sealed class PeerTrust
{
    private const int ThumbprintLength = 64;

    private readonly X509Certificate2Collection authorities;
    private readonly HashSet<string> thumbprints;

    private PeerTrust(X509Certificate2Collection authorities, HashSet<string> thumbprints)
    {
        this.authorities = authorities;
        this.thumbprints = thumbprints;
    }

    /// <summary>
    /// The CA certificates in <paramref name="caPath"/> (PEM, one or more; or a PFX without password) and the pinned
    /// <paramref name="pinned"/> thumbprints; at least one of the two. Errors name the setting.
    /// </summary>
    public static PeerTrust Load(string? caPath, IReadOnlyCollection<string>? pinned, string caSetting, string thumbprintSetting)
    {
        var thumbprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in pinned ?? [])
        {
            thumbprints.Add(Normalise(entry, thumbprintSetting));
        }
        var authorities = string.IsNullOrWhiteSpace(caPath) ? [] : LoadAuthorities(caPath, caSetting);
        if (authorities.Count == 0 && thumbprints.Count == 0)
        {
            throw new ArgumentException(
                $"{caSetting}: TLS needs the CA certificate that issues the peers' certificates, or their SHA-256 thumbprints in {thumbprintSetting}", caSetting);
        }
        return new PeerTrust(authorities, thumbprints);
    }

    /// <summary>Pinned and within its validity period, or chained to one of the CA certificates with no error.</summary>
    public bool Accepts(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (thumbprints.Contains(TlsCertificates.Thumbprint(certificate)))
        {
            var now = DateTime.Now;
            return certificate.NotBefore <= now && now <= certificate.NotAfter;
        }
        if (authorities.Count == 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private CA publishes no revocation list: a leaked key is dealt with by a new CA or by unpinning.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2Collection LoadAuthorities(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{setting}: '{path}' does not exist", setting);
        }
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
            if (authorities.Count == 0)
            {
                authorities = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
            }
        }
        catch (CryptographicException error)
        {
            throw new ArgumentException($"{setting}: '{path}' is neither PEM certificates nor a PFX without password ({error.GetType().Name})", setting);
        }
        return authorities.Count > 0 ? authorities : throw new ArgumentException($"{setting}: '{path}' holds no certificate", setting);
    }

    /// <summary>Hex digits in upper case, as <see cref="TlsCertificates.Thumbprint"/> writes them; colons and spaces (openssl's output) dropped.</summary>
    private static string Normalise(string thumbprint, string setting)
    {
        var digits = string.Concat(thumbprint.Where(character => character is not (':' or ' '))).ToUpper(CultureInfo.InvariantCulture);
        return digits.Length == ThumbprintLength && digits.All(char.IsAsciiHexDigit)
            ? digits
            : throw new ArgumentException($"{setting}: '{thumbprint}' is not a SHA-256 thumbprint ({ThumbprintLength} hex digits, e.g. from 'openssl x509 -noout -fingerprint -sha256')", setting);
    }
}
