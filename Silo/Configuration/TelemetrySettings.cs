namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// Metrics and traces for the operator's monitoring (configuration section "Telemetry"): exported over OTLP (gRPC)
/// to a collector when <see cref="OtlpEndpoint"/> is set, nothing exported when it is empty. The endpoint may carry
/// credentials, so only its host is ever shown.
/// </summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    /// <summary>The collector's OTLP gRPC endpoint, an absolute http(s) URI such as http://otel-collector:4317.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The service.name resource attribute; each silo is told apart by service.instance.id, its silo name.</summary>
    public string ServiceName { get; set; } = "facekd-silo";
}
