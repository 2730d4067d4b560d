namespace FaceKdGrid.Grains.Scheduling;

/// <summary>The metric each trial had when it reached each rung milestone (persisted with the sweep).</summary>
[GenerateSerializer, Alias("fkd.AshaState")]
public sealed class AshaState
{
    /// <summary>Milestone epoch → trial id → metric, always in "larger is better" orientation.</summary>
    [Id(0)] public Dictionary<int, Dictionary<string, double>> Rungs { get; set; } = [];
}
