using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Silo.Security;

/// <summary>
/// Says, as a warning, that this silo lets in any silo or client with a certificate: a setting for development only.
/// It speaks in the silo's first lifecycle stage, before joining the cluster, which may never finish.
/// </summary>
internal sealed partial class UntrustedCertificatesWarning(ILogger<UntrustedCertificatesWarning> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UntrustedCertificatesWarning), ServiceLifecycleStage.First, _ =>
        {
            LogAcceptingAnyCertificate(logger);
            return Task.CompletedTask;
        });

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Tls:AllowUntrustedCertificates is on: this silo accepts any peer certificate, so any silo or client that can reach it gets in. " +
        "For development only; in production set Tls:CaCertificatePath or Tls:AllowedThumbprints instead")]
    private static partial void LogAcceptingAnyCertificate(ILogger logger);
}
