namespace FaceKdGrid.Client.Connection;

/// <summary>
/// The client's side of a mutual-TLS cluster as the CLI's options name it: its certificate (a PFX with its key), and which
/// silos it trusts: those the CA certificate issued or whose SHA-256 thumbprint is pinned, or any when
/// <paramref name="AllowUntrustedCertificates"/>. <see cref="GridConnection"/> loads it into the client library's GridTls.
/// </summary>
public sealed record ClientTls(
    string CertificatePath,
    string? CertificatePassword,
    string? CaCertificatePath,
    IReadOnlyList<string> Thumbprints,
    bool AllowUntrustedCertificates)
{
    // The password is a secret: records print their members, this one prints none of it.
    public override string ToString() =>
        $"TLS with {CertificatePath}{(AllowUntrustedCertificates ? ", any silo accepted" : $", silos from {CaCertificatePath ?? "no CA"} or {Thumbprints.Count} pinned")}";
}
