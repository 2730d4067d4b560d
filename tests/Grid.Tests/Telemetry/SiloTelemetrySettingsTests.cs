using FaceKdGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Telemetry;

public sealed class SiloTelemetrySettingsTests
{
    [Theory]
    [InlineData("not a uri")]
    [InlineData("ftp://collector:4317")]
    [InlineData("collector:4317?token=s3cret")]
    public void ABadOtlpEndpointFailsTheSiloHostNamingTheSettingButNotItsValue(string endpoint)
    {
        var builder = SiloHostBuilder(new() { ["Telemetry:OtlpEndpoint"] = endpoint });

        var error = Assert.Throws<ArgumentException>(() => builder.AddFaceKdGridSilo());

        Assert.Equal("Telemetry:OtlpEndpoint", error.ParamName);
        Assert.StartsWith("Telemetry:OtlpEndpoint: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOtlpEndpointRegistersMeterAndTracerProvidersNamingTheServiceAndTheSilo()
    {
        // Nothing listens on the discard port: the exporters' attempts are refused at once.
        var builder = SiloHostBuilder(new()
        {
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
            ["Telemetry:ServiceName"] = "facekd-test",
            ["Cluster:SiloName"] = "observed",
        });

        builder.AddFaceKdGridSilo();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<MeterProvider>());
        var tracing = host.Services.GetService<TracerProvider>();
        Assert.NotNull(tracing);
        var resource = tracing.GetResource().Attributes.ToDictionary();
        Assert.Equal("facekd-test", resource["service.name"]);
        Assert.Equal("observed", resource["service.instance.id"]);
    }

    [Fact]
    public void WithoutAnEndpointNothingIsExported()
    {
        var builder = SiloHostBuilder(new() { ["Telemetry:OtlpEndpoint"] = "" });

        builder.AddFaceKdGridSilo();
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    private static HostApplicationBuilder SiloHostBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        settings["ArtifactStore:Root"] = Path.Combine(Path.GetTempPath(), $"facekd-otel-{Guid.NewGuid():N}");
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
