namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The answer to a change of a submitted sweep (a retry, an extension): the trials it touched, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SweepChange")]
public sealed record SweepChange
{
    /// <summary>The trials re-queued or added, in order; empty when the change was refused.</summary>
    [Id(0)] public IReadOnlyList<string> TrialIds { get; init; } = [];

    /// <summary>Why nothing changed, naming the sweep; null when the change was made.</summary>
    [Id(1)] public string? Refusal { get; init; }

    public static SweepChange Refused(string refusal) => new() { Refusal = refusal };
}
