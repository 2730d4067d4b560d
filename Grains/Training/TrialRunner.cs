using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Telemetry;
using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// Runs a trial that holds a slot of the <see cref="SlotTable"/> through the <see cref="ITrialExecutor"/> on a
/// background task, frees the slot when it ends, and reports its outcome to the sweep's coordinator; a hand-off or a
/// cancellation is never a failure. Each attempt is counted and traced (<see cref="GridTelemetry"/>).
/// </summary>
public sealed partial class TrialRunner(
    SlotTable slots,
    IGrainFactory grains,
    ITrialExecutor executor,
    GridCallResilience calls,
    ILogger<TrialRunner> logger)
{
    /// <summary>Runs the reserved trial in the background; <paramref name="stopping"/> is the silo's.</summary>
    public void Start(string device, RunningTrial trial, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var assignment = trial.Assignment;
        LogStarting(logger, assignment.TrialKey, assignment.Attempt, WorkerKeys.Of(slots.Silo, device), assignment.ResumeEpoch);
        _ = Task.Run(() => RunAsync(device, trial, stopping));
    }

    private async Task RunAsync(string device, RunningTrial trial, CancellationToken stopping)
    {
        var assignment = trial.Assignment;
        using var activity = GridTelemetry.StartTrial(assignment, device);
        var coordinator = grains.GetGrain<ISweepReportingGrain>(assignment.SweepId);
        var token = trial.Cancellation;
        (Func<Task> Call, string What)? report = null;
        try
        {
            try
            {
                var sink = new GridProgressSink(grains, assignment, device, calls, stopping);
                var outcome = await executor.ExecuteAsync(assignment, sink, token);
                LogFinished(logger, assignment.TrialKey, assignment.Attempt);
                GridTelemetry.CompleteTrial(activity, device, outcome);
                report = (() => coordinator.ReportFinishedAsync(assignment.TrialId, assignment.Attempt, outcome), "outcome");
            }
            // A hand-off may interrupt the engine in any operation: whatever that throws, the trial did not fail.
            catch (Exception error) when (token.IsCancellationRequested && (error is OperationCanceledException || trial.HandedOff))
            {
                GridTelemetry.EndTrial(activity, device, trial.HandedOff ? GridTelemetry.HandedOff : GridTelemetry.Cancelled);
                if (trial.HandedOff || !stopping.IsCancellationRequested)
                {
                    report = (() => coordinator.ReportCancelledAsync(assignment.TrialId, assignment.Attempt), trial.HandedOff ? "hand-off" : "cancellation");
                }
            }
            catch (Exception error)
            {
                LogFailed(logger, assignment.TrialKey, assignment.Attempt, error);
                var reason = error is InvalidOperationException or ArgumentException ? error.Message : $"{error.GetType().Name}: {error.Message}";
                GridTelemetry.EndTrial(activity, device, GridTelemetry.Failed, reason);
                report = (() => coordinator.ReportFailedAsync(assignment.TrialId, assignment.Attempt, reason), "failure");
            }
            finally
            {
                slots.Release(device, trial);
            }
            // The slot is free before the coordinator hears the outcome, so the trial it starts next can have it at once.
            if (!stopping.IsCancellationRequested)
            {
                await Report(() => grains.GetGrain<IWorkerRegistryGrain>(0).ReleaseSlotAsync(WorkerKeys.Of(slots.Silo, device), assignment.TrialKey), "slot release");
            }
            if (report is { } outcomeReport)
            {
                await Report(outcomeReport.Call, outcomeReport.What);
            }
        }
        finally
        {
            slots.Reported(device, trial);
        }

        Task Report(Func<Task> call, string what) =>
            calls.TryAsync(call, $"{what} of {assignment.TrialKey} attempt {assignment.Attempt}", stopping);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Starting {TrialKey} attempt {Attempt} on {Worker} after epoch {ResumeEpoch}")]
    private static partial void LogStarting(ILogger logger, string trialKey, int attempt, string worker, int resumeEpoch);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Finished {TrialKey} attempt {Attempt}")]
    private static partial void LogFinished(ILogger logger, string trialKey, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{TrialKey} attempt {Attempt} failed")]
    private static partial void LogFailed(ILogger logger, string trialKey, int attempt, Exception error);
}
