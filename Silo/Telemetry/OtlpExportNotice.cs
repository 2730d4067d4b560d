using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Silo.Telemetry;

/// <summary>
/// Says at start-up where the silo's metrics and traces go. Only the collector's host and port are shown: the endpoint
/// may carry credentials in its user info or query.
/// </summary>
internal sealed partial class OtlpExportNotice(Uri endpoint, string serviceName, string siloName, ILogger<OtlpExportNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogExporting(logger, endpoint.Host, endpoint.Port, serviceName, siloName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Exporting metrics and traces over OTLP to {Host}:{Port} as {ServiceName}, instance {SiloName}")]
    private static partial void LogExporting(ILogger logger, string host, int port, string serviceName, string siloName);
}
