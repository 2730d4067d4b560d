namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// TLS for silo-to-silo and client-to-silo connections (configuration section "Tls"). Both sides present a
/// certificate (a PFX with its key); the password is a secret (FACEKD_Tls__CertificatePassword), never logged.
/// </summary>
public sealed class TlsSettings
{
    public const string Section = "Tls";

    public bool Enabled { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Accept peers whose certificate no trusted authority issued (self-signed): development and tests only.</summary>
    public bool AllowUntrustedCertificates { get; set; }

    public override string ToString() =>
        $"Tls: {(Enabled ? "on" : "off")}, certificate {CertificatePath ?? "unset"}, password {(CertificatePassword is null ? "unset" : "(set, not shown)")}";
}
