using FaceKdGrid.Grains.Hosting;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Workers;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Trials;

/// <summary>One trial's record. Reports from a superseded attempt are ignored, so a re-run never mixes curves.</summary>
public sealed class ExperimentGrain : Grain, IExperimentGrain
{
    private readonly IPersistentState<ExperimentState> state;
    private readonly TimeProvider clock;

    public ExperimentGrain(IGrainContext context, GridStateFactory states, TimeProvider clock)
    {
        state = states.Create<ExperimentState>(context, "experiment");
        this.clock = clock;
    }

    private ExperimentState Trial => state.State;

    public async Task DefineAsync(TrialDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Trial.Definition is null)
        {
            Trial.Definition = definition;
            await state.WriteStateAsync();
        }
    }

    public async Task MarkStartedAsync(int attempt, WorkerLease lease, DateTimeOffset dispatchedAt)
    {
        ArgumentNullException.ThrowIfNull(lease);
        Trial.Attempts = Math.Max(Trial.Attempts, attempt);
        Trial.Status = TrialStatus.Running;
        Trial.Worker = lease.WorkerId;
        Trial.WorkerIncarnation = lease.Incarnation;
        Trial.DispatchedAt = dispatchedAt;
        Trial.StartedAt ??= dispatchedAt;
        await state.WriteStateAsync();
    }

    public async Task RecordEpochAsync(int attempt, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (attempt < Trial.Attempts)
        {
            return;
        }
        // A resumed attempt re-runs the epochs after its checkpoint: its numbers replace the earlier ones.
        Trial.Epochs.RemoveAll(epoch => epoch.Epoch >= metrics.Epoch);
        Trial.Epochs.Add(metrics);
        await state.WriteStateAsync();
    }

    public async Task RecordCheckpointAsync(int attempt, int epoch, string location)
    {
        if (attempt < Trial.Attempts || epoch < Trial.LastCheckpointEpoch)
        {
            return;
        }
        Trial.LastCheckpoint = location;
        Trial.LastCheckpointEpoch = epoch;
        await state.WriteStateAsync();
    }

    public async Task MarkPendingAsync(string reason, int failures)
    {
        Trial.Status = TrialStatus.Pending;
        Trial.Reason = reason;
        Trial.Failures = failures;
        Trial.Worker = null;
        await state.WriteStateAsync();
    }

    public async Task MarkFinishedAsync(TrialStatus status, TrialOutcome? outcome, string? reason)
    {
        if (!status.IsFinal())
        {
            throw new ArgumentException($"{status} is not a final status", nameof(status));
        }
        Trial.Status = status;
        Trial.Outcome = outcome ?? Trial.Outcome;
        Trial.Reason = reason;
        Trial.FinishedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    public Task<TrialSnapshot> GetAsync()
    {
        var (sweepId, trialId) = TrialKeys.Parse(this.GetPrimaryKeyString());
        return Task.FromResult(new TrialSnapshot
        {
            SweepId = sweepId,
            TrialId = trialId,
            Exists = Trial.Definition is not null,
            Kind = Trial.Definition?.Kind ?? TrialKind.Student,
            Parameters = Trial.Definition?.Parameters,
            Status = Trial.Status,
            Reason = Trial.Reason,
            Attempts = Trial.Attempts,
            Worker = Trial.Worker,
            Epochs = Trial.Epochs.ToArray(),
            LastCheckpoint = Trial.LastCheckpoint,
            LastCheckpointEpoch = Trial.LastCheckpointEpoch,
            Outcome = Trial.Outcome,
            StartedAt = Trial.StartedAt,
            FinishedAt = Trial.FinishedAt,
            WorkerIncarnation = Trial.WorkerIncarnation,
            DispatchedAt = Trial.DispatchedAt,
            Failures = Trial.Failures,
        });
    }
}
