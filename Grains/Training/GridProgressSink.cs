using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Telemetry;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// Forwards one attempt's progress to its experiment grain and (epochs) to its sweep's coordinator; counts each epoch
/// and its duration for <paramref name="device"/> (<see cref="GridTelemetry"/>).
/// </summary>
internal sealed class GridProgressSink(IGrainFactory grains, TrialAssignment assignment, string device, GridCallResilience calls, CancellationToken stopping)
    : ITrialProgressSink
{
    private readonly IExperimentLifecycleGrain experiment = grains.GetGrain<IExperimentLifecycleGrain>(assignment.TrialKey);
    private readonly ISweepReportingGrain coordinator = grains.GetGrain<ISweepReportingGrain>(assignment.SweepId);

    public async Task<EpochDecision> ReportEpochAsync(EpochMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        GridTelemetry.RecordEpoch(device, metrics.Seconds);
        await calls.TryAsync(() => experiment.RecordEpochAsync(assignment.Attempt, metrics), $"epoch {metrics.Epoch} of {assignment.TrialKey} to its experiment", stopping);
        // If the coordinator cannot be reached the trial goes on: losing a stop decision costs time, not results.
        return await calls.TryAsync(
            () => coordinator.ReportEpochAsync(assignment.TrialId, assignment.Attempt, metrics),
            EpochDecision.Continue,
            $"epoch {metrics.Epoch} of {assignment.TrialKey} to its coordinator",
            stopping);
    }

    public Task ReportCheckpointAsync(int epoch, string location, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new ArgumentException("a checkpoint location is an artifact-store key and cannot be empty", nameof(location));
        }
        return calls.TryAsync(() => experiment.RecordCheckpointAsync(assignment.Attempt, epoch, location), $"checkpoint of {assignment.TrialKey}", stopping);
    }
}
