using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// Changes to a submitted sweep: retrying its failed and cancelled trials, and extending a random search by more
/// samples. Either reopens an ended sweep; what it refuses changes nothing.
/// </summary>
public sealed partial class SweepCoordinatorGrain
{
    public async Task<SweepChange> RetryAsync()
    {
        if (Sweep.Spec is null)
        {
            return SweepChange.Refused(NotSubmitted);
        }
        static bool Retriable(TrialState trial) => trial.Status is TrialStatus.Failed or TrialStatus.Cancelled;
        var defined = Sweep.Trials.Take(Sweep.Defined).Where(Retriable).ToList();
        var undefined = Index.Undefined.Where(Retriable).ToList();
        if (defined.Count + undefined.Count == 0)
        {
            return SweepChange.Refused($"sweep '{SweepId}' has no failed or cancelled trials to retry (it is {Sweep.Status.ToString().ToLowerInvariant()})");
        }
        foreach (var batch in defined.Chunk(Batch))
        {
            var lifecycles = await Task.WhenAll(batch.Select(trial => Experiment(trial.TrialId).RetryAsync()));
            foreach (var (trial, lifecycle) in batch.Zip(lifecycles))
            {
                Index.Apply(trial, lifecycle);
            }
        }
        // Trials not defined yet have no experiment grain: their entry here is their record, and the definer defines them pending.
        foreach (var trial in undefined)
        {
            Index.Apply(trial, trial.Lifecycle.Retry());
        }
        var retried = defined.Concat(undefined).ToList();
        LogRetried(logger, SweepId, retried.Count);
        await ReopenAsync(retried);
        return new SweepChange { TrialIds = retried.Select(trial => trial.TrialId).ToArray() };
    }

    public async Task<SweepChange> ExtendAsync(int samples)
    {
        if (Sweep.Spec is null)
        {
            return SweepChange.Refused(NotSubmitted);
        }
        if (samples < 1)
        {
            return SweepChange.Refused($"sweep '{SweepId}': {samples} more samples must be at least 1");
        }
        if (!TrialExpansion.IsRandomSearch(Spec))
        {
            return SweepChange.Refused($"sweep '{SweepId}' is a grid search: more samples would repeat its trials; only a random search " +
                "(a choice, uniform, loguniform or randint key in search_space) takes more samples");
        }
        // Saturated, so a huge request meets the validator's limit on trials rather than an overflow.
        var extended = Spec with { NumSamples = (int)Math.Min((long)Spec.NumSamples + samples, int.MaxValue) };
        if (SweepSpecValidator.Validate(extended).FirstOrDefault() is { } error)
        {
            return SweepChange.Refused($"sweep '{SweepId}' cannot take {samples} more samples: {error.Field}: {error.Problem}");
        }
        var added = TrialExpansion.Extend(Spec, samples).Select(definition => new TrialState
        {
            Definition = definition,
            TotalEpochs = definition.Parameters!.Epochs,
        }).ToList();
        Sweep.Spec = extended;
        Sweep.Trials.AddRange(added);
        // The index is rebuilt over the longer list; the new trials wait for their experiment grains like a submission's.
        index = null;
        LogExtended(logger, SweepId, samples, added.Count);
        await ReopenAsync(added);
        return new SweepChange { TrialIds = added.Select(trial => trial.TrialId).ToArray() };
    }

    private string NotSubmitted => $"no sweep '{SweepId}' was submitted";

    /// <summary>The sweep runs (again) with <paramref name="queued"/> pending: saved, then scheduled like a fresh submission.</summary>
    private async Task ReopenAsync(IReadOnlyList<TrialState> queued)
    {
        Sweep.Status = SweepStatus.Running;
        Sweep.FinishedAt = null;
        await SaveAsync();
        foreach (var trial in queued)
        {
            Publish(SweepEventKind.TrialRequeued, trial);
        }
        await KeepRunningAsync();
        if (!Index.AllDefined)
        {
            StartDefining();
        }
        await PumpAsync();
    }
}
