namespace FaceKdGrid.Grains.Trials;

/// <summary>What a trial reports after each epoch: training loss and the verification metrics on the validation pairs.</summary>
[GenerateSerializer, Immutable, Alias("fkd.EpochMetrics")]
public sealed record EpochMetrics
{
    /// <summary>1-based epoch number.</summary>
    [Id(0)] public int Epoch { get; init; }

    [Id(1)] public double TrainLoss { get; init; }

    /// <summary>Verification accuracy on the validation pairs (identities apart from the test pairs).</summary>
    [Id(2)] public double ValidationAccuracy { get; init; }

    /// <summary>TAR at <see cref="Far"/> on the validation pairs.</summary>
    [Id(3)] public double ValidationTar { get; init; }

    /// <summary>Wall time of the epoch, training and evaluation together.</summary>
    [Id(4)] public double Seconds { get; init; }

    /// <summary>The false-accept rate the TAR is read at: the smallest the validation pairs support.</summary>
    [Id(5)] public double Far { get; init; }
}
