using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace FaceKdGrid.Silo.Health;

public static class HealthEndpoints
{
    /// <summary>Where the probes live: open to every caller, whatever guards the rest of the web host.</summary>
    public const string Prefix = "/health";

    public const string Live = $"{Prefix}/live";

    public const string Ready = $"{Prefix}/ready";

    /// <summary>Registers the silo's readiness check.</summary>
    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [SiloReadinessCheck.Tag]);
        return services;
    }

    /// <summary>Live: the process answers (no check runs). Ready: the silo takes trials.</summary>
    public static WebApplication MapSiloHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(SiloReadinessCheck.Tag) });
        return app;
    }
}
