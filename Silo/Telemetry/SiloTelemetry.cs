using FaceKdGrid.Grains.Telemetry;
using FaceKdGrid.Silo.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace FaceKdGrid.Silo.Telemetry;

public static class SiloTelemetry
{
    /// <summary>Orleans' runtime meter: Orleans creates it through IMeterFactory and names no constant for it.</summary>
    private const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// Reads the "Telemetry" section and, when it names an OTLP endpoint, exports over OTLP (gRPC) the grid's metrics
    /// (<see cref="GridTelemetry.MeterNames"/>), Orleans' and the .NET runtime's, and the traces of the grid's and
    /// Orleans' activity sources, as service Telemetry:ServiceName, instance <paramref name="siloName"/>.
    /// </summary>
    /// <returns>Whether it exports: then the silo should carry activities across grain calls (AddActivityPropagation).</returns>
    public static bool AddOtlpExport(this IHostApplicationBuilder builder, string siloName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(siloName);
        var settings = SettingsReader.Read<TelemetrySettings>(builder.Configuration, TelemetrySettings.Section);
        if (SettingsReader.HttpEndpoint(settings.OtlpEndpoint, "Telemetry:OtlpEndpoint") is not { } endpoint)
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(settings.ServiceName))
        {
            throw new ArgumentException("Telemetry:ServiceName: a service name is required when Telemetry:OtlpEndpoint is set", "Telemetry:ServiceName");
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, autoGenerateServiceInstanceId: false, serviceInstanceId: siloName))
            .WithMetrics(metrics => metrics
                .AddMeter([.. GridTelemetry.MeterNames, OrleansMeterName])
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(exporter => Configure(exporter, endpoint)))
            .WithTracing(tracing => tracing
                .AddSource(GridTelemetry.Name, ActivitySources.RuntimeActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName)
                .AddOtlpExporter(exporter => Configure(exporter, endpoint)));
        builder.Services.AddHostedService(provider =>
            new OtlpExportNotice(endpoint, settings.ServiceName, siloName, provider.GetRequiredService<ILogger<OtlpExportNotice>>()));
        return true;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint)
    {
        exporter.Endpoint = endpoint;
        // Fixed rather than taken from OTEL_EXPORTER_OTLP_PROTOCOL: over http/protobuf an endpoint set in code is used
        // as it is, without the /v1/metrics and /v1/traces paths, so a collector's base URI would reach nothing.
        exporter.Protocol = OtlpExportProtocol.Grpc;
    }
}
