using FaceKdGrid.ClientLibrary.Security;
using FaceKdGrid.Silo.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FaceKdGrid.Silo.Security;

/// <summary>A silo's mutual TLS from its "Tls" settings: its certificate, and the CA or thumbprints its peers must match.</summary>
public static class SiloTls
{
    private const string CertificatePathSetting = "Tls:CertificatePath";
    private const string CaCertificatePathSetting = "Tls:CaCertificatePath";
    private const string AllowedThumbprintsSetting = "Tls:AllowedThumbprints";

    public static ISiloBuilder UseGridTls(this ISiloBuilder silo, TlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        var certificate = TlsCertificates.Load(settings.CertificatePath, settings.CertificatePassword, CertificatePathSetting, "Tls:CertificatePassword");
        PeerTrust? trust = null;
        if (settings.AllowUntrustedCertificates)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, UntrustedCertificatesWarning>();
        }
        else
        {
            trust = PeerTrust.Load(settings.CaCertificatePath, settings.AllowedThumbprints, CaCertificatePathSetting, AllowedThumbprintsSetting);
            // The other silos check this one with the same settings: a certificate they would refuse is a mistake to name now.
            if (!trust.Accepts(certificate))
            {
                throw new ArgumentException(
                    $"{CertificatePathSetting}: this silo's certificate ({TlsCertificates.Describe(certificate)}) is neither issued by " +
                    $"{CaCertificatePathSetting} nor pinned in {AllowedThumbprintsSetting}, so the other silos would refuse it", CertificatePathSetting);
            }
        }
        return silo.UseTls(certificate, options => TlsCertificates.Configure(options, trust));
    }
}
