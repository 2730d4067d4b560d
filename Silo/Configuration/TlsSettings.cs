namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// Mutual TLS for silo-to-silo and client-to-silo connections (configuration section "Tls"). Every side presents a
/// certificate (a PFX with its key) and accepts only peers that the CA certificate issued or that are pinned by
/// thumbprint. The password is a secret (FACEKD_Tls__CertificatePassword), never logged.
/// </summary>
public sealed class TlsSettings
{
    public const string Section = "Tls";

    public bool Enabled { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The cluster's CA certificate(s), PEM or a PFX without password: peers must chain to one of them.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>SHA-256 thumbprints of peer certificates accepted whoever issued them.</summary>
    public List<string> AllowedThumbprints { get; set; } = [];

    /// <summary>Accept any peer certificate, ignoring the CA and the thumbprints: development and tests only.</summary>
    public bool AllowUntrustedCertificates { get; set; }

    public override string ToString() =>
        $"Tls: {(Enabled ? "on" : "off")}, certificate {CertificatePath ?? "unset"}, password {(CertificatePassword is null ? "unset" : "(set, not shown)")}, " +
        $"CA {CaCertificatePath ?? "unset"}, {AllowedThumbprints.Count} pinned thumbprints{(AllowUntrustedCertificates ? ", any certificate accepted" : "")}";
}
