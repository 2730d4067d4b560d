namespace FaceKdGrid.Grains.Scheduling;

/// <summary>The metric each trial had when it reached each rung milestone, per bracket (persisted with the sweep).</summary>
[GenerateSerializer, Alias("fkd.AshaState")]
public sealed class AshaState
{
    /// <summary>Bracket (the requested compression ratio) → milestone epoch → trial id → metric, in "larger is better" orientation.</summary>
    [Id(1)] public Dictionary<string, Dictionary<int, Dictionary<string, double>>> Brackets { get; set; } = [];
}
