using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Scheduling;

/// <summary>
/// Asynchronous successive halving as Ray Tune's ASHA: rung milestones at grace·η^k epochs below max epochs. When a
/// trial first reaches a milestone it is stopped if its metric falls below the (1 − 1/η) quantile of the metrics other
/// trials of its bracket had there; the first trial at a rung always goes on. Trials compete only within their
/// bracket (the grid uses one per requested compression ratio), so each bracket keeps its best trial to the end.
/// </summary>
public sealed class AshaScheduler
{
    private readonly SchedulerSpec spec;
    private readonly OptimisationMode mode;
    private readonly IReadOnlyList<int> milestones;

    public AshaScheduler(SchedulerSpec spec, OptimisationMode mode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind != SchedulerKind.Asha || spec.GracePeriod < 1 || spec.ReductionFactor < 2 || spec.MaxEpochs < spec.GracePeriod)
        {
            throw new ArgumentException("an ASHA scheduler needs grace_period >= 1, reduction_factor >= 2 and max_epochs >= grace_period", nameof(spec));
        }
        this.spec = spec;
        this.mode = mode;
        var rungs = new List<int>();
        for (long milestone = spec.GracePeriod; milestone < spec.MaxEpochs; milestone *= spec.ReductionFactor)
        {
            rungs.Add((int)milestone);
        }
        milestones = rungs;
    }

    /// <summary>The rung milestones, smallest first.</summary>
    public IReadOnlyList<int> Milestones => milestones;

    /// <summary>Records the report in <paramref name="state"/> under <paramref name="bracket"/> and decides whether the trial goes on.</summary>
    public AshaVerdict OnEpoch(AshaState state, string bracket, string trialId, int epoch, double metric)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (epoch >= spec.MaxEpochs)
        {
            return AshaVerdict.StopAtMaxEpochs;
        }
        var rungs = state.Brackets.GetValueOrDefault(bracket);
        var oriented = mode == OptimisationMode.Max ? metric : -metric;
        foreach (var milestone in milestones.Reverse())
        {
            var recorded = rungs?.GetValueOrDefault(milestone);
            if (epoch < milestone || recorded?.ContainsKey(trialId) == true)
            {
                continue;
            }
            var cutoff = recorded is null ? null : Cutoff(recorded.Values);
            state.Record(bracket, milestone, trialId, oriented);
            return cutoff is { } bar && oriented < bar ? AshaVerdict.StopWeak : AshaVerdict.Continue;
        }
        return AshaVerdict.Continue;
    }

    /// <summary>The (1 − 1/η) quantile with linear interpolation (numpy's default), or null with nothing recorded.</summary>
    private double? Cutoff(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var position = (1.0 - 1.0 / spec.ReductionFactor) * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
