using FaceKdGrid.Grains.Hosting;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Records;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// One trial's record and the owner of its <see cref="TrialLifecycle"/>. Reports from a superseded attempt are
/// ignored, so a re-run never mixes curves.
/// </summary>
public sealed class ExperimentGrain : Grain, IExperimentLifecycleGrain
{
    private readonly IPersistentState<ExperimentState> state;
    private readonly TimeProvider clock;

    public ExperimentGrain(IGrainContext context, GridStateFactory states, TimeProvider clock)
    {
        state = states.Create<ExperimentState>(context, "experiment");
        this.clock = clock;
    }

    private ExperimentState Trial => state.State;

    private TrialLifecycle Lifecycle => Trial.Lifecycle;

    public async Task DefineAsync(TrialDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Trial.Definition is null)
        {
            Trial.Definition = definition;
            await state.WriteStateAsync();
        }
    }

    public Task<TrialLifecycle> StartAsync(WorkerLease lease) => MoveAsync(Lifecycle.Start(lease, clock.GetUtcNow()));

    public Task<TrialLifecycle> RequestStopAsync(int attempt) =>
        Lifecycle.IsCurrent(attempt) ? MoveAsync(Lifecycle.RequestStop()) : Task.FromResult(Lifecycle);

    public Task<TrialLifecycle> FinishAsync(int attempt, TrialOutcome outcome) =>
        Lifecycle.IsCurrent(attempt) ? MoveAsync(Lifecycle.Finish(outcome, clock.GetUtcNow())) : Task.FromResult(Lifecycle);

    public Task<TrialLifecycle> FailAsync(int attempt, string reason, int maxFailures, TimeSpan backoff) =>
        Lifecycle.IsCurrent(attempt) ? MoveAsync(Lifecycle.Fail(reason, maxFailures, backoff, clock.GetUtcNow())) : Task.FromResult(Lifecycle);

    public Task<TrialLifecycle> RequeueAsync(int attempt, string reason) =>
        Lifecycle.IsCurrent(attempt) ? MoveAsync(Lifecycle.Requeue(reason)) : Task.FromResult(Lifecycle);

    // Abandoning or cancelling a trial that already ended (a repeated call) leaves it as it ended.
    public Task<TrialLifecycle> AbandonAsync(string reason) =>
        Lifecycle.Status.IsFinal() ? Task.FromResult(Lifecycle) : MoveAsync(Lifecycle.Abandon(reason, clock.GetUtcNow()));

    public Task<TrialLifecycle> CancelAsync(string reason) =>
        Lifecycle.Status.IsFinal() ? Task.FromResult(Lifecycle) : MoveAsync(Lifecycle.Cancel(reason, clock.GetUtcNow()));

    // Retrying a trial that is not failed or cancelled (a repeated call, or one that was never retriable) leaves it as it is.
    public Task<TrialLifecycle> RetryAsync() =>
        Lifecycle.Status is TrialStatus.Failed or TrialStatus.Cancelled ? MoveAsync(Lifecycle.Retry()) : Task.FromResult(Lifecycle);

    public async Task RecordEpochAsync(int attempt, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (attempt < Lifecycle.Attempts)
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
        if (attempt < Lifecycle.Attempts || epoch < Trial.LastCheckpointEpoch)
        {
            return;
        }
        Trial.LastCheckpoint = location;
        Trial.LastCheckpointEpoch = epoch;
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
            Lifecycle = Lifecycle,
            Epochs = Trial.Epochs.ToArray(),
            LastCheckpoint = Trial.LastCheckpoint,
            LastCheckpointEpoch = Trial.LastCheckpointEpoch,
        });
    }

    private async Task<TrialLifecycle> MoveAsync(TrialLifecycle next)
    {
        if (Trial.Definition is null)
        {
            throw new InvalidOperationException($"trial '{this.GetPrimaryKeyString()}' was never defined");
        }
        var previous = Trial.Lifecycle;
        Trial.Lifecycle = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not written, not moved: the caller sees the failure and its copy stays what the store holds.
            Trial.Lifecycle = previous;
            throw;
        }
        return next;
    }
}
