namespace FaceKdGrid.Client.Connection;

/// <summary>The client's side of a TLS cluster: its certificate (a PFX with its key) and whether self-signed silos are accepted.</summary>
public sealed record ClientTls(string CertificatePath, string? CertificatePassword, bool AllowUntrustedCertificates)
{
    // The password is a secret: records print their members, this one prints none of it.
    public override string ToString() => $"TLS with {CertificatePath}{(AllowUntrustedCertificates ? ", untrusted silos accepted" : "")}";
}
