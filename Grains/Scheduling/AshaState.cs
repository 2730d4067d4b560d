namespace FaceKdGrid.Grains.Scheduling;

/// <summary>
/// The metric each trial had when it reached each rung milestone, per bracket. Held in memory by the coordinator and
/// rebuilt from its trials' own rung records, so no ASHA decision writes more than the trial it is about.
/// </summary>
public sealed class AshaState
{
    /// <summary>Bracket (the requested compression ratio) → milestone epoch → trial id → metric, in "larger is better" orientation.</summary>
    public Dictionary<string, Dictionary<int, Dictionary<string, double>>> Brackets { get; } = [];

    public void Record(string bracket, int milestone, string trialId, double value)
    {
        var rungs = Brackets.TryGetValue(bracket, out var known) ? known : Brackets[bracket] = [];
        var recorded = rungs.TryGetValue(milestone, out var atMilestone) ? atMilestone : rungs[milestone] = [];
        recorded[trialId] = value;
    }

    /// <summary>Milestone → the metric recorded for <paramref name="trialId"/> there.</summary>
    public Dictionary<int, double> RungsOf(string bracket, string trialId) =>
        (Brackets.GetValueOrDefault(bracket) ?? [])
            .Where(rung => rung.Value.ContainsKey(trialId))
            .ToDictionary(rung => rung.Key, rung => rung.Value[trialId]);
}
