using FaceKdGrid.Grains.Training;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceKdGrid.Silo.Health;

/// <summary>Ready once the silo is active in its cluster and takes trials; not while it starts, drains or stops.</summary>
public sealed class SiloReadinessCheck(TrainingRuntime runtime, SlotTable slots) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.NotReadyReason is { } reason
            ? HealthCheckResult.Unhealthy(reason)
            : HealthCheckResult.Healthy($"silo {slots.Silo} takes trials"));
}
