using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The answer to a submission: what happened, and every error when the spec was refused.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SubmitResult")]
public sealed record SubmitResult
{
    [Id(0)] public SubmitOutcome Outcome { get; init; }

    [Id(1)] public IReadOnlyList<SpecError> Errors { get; init; } = [];

    /// <summary>Trials in the sweep (teacher included) when it was created or already existed.</summary>
    [Id(2)] public int TrialCount { get; init; }

    public bool Accepted => Outcome is SubmitOutcome.Created or SubmitOutcome.AlreadySubmitted;
}
