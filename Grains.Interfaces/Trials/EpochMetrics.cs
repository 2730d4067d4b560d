namespace FaceKdGrid.Grains.Trials;

/// <summary>What a trial reports after each epoch: training loss and the verification metrics so far.</summary>
[GenerateSerializer, Immutable, Alias("fkd.EpochMetrics")]
public sealed record EpochMetrics
{
    /// <summary>1-based epoch number.</summary>
    [Id(0)] public int Epoch { get; init; }

    [Id(1)] public double TrainLoss { get; init; }

    [Id(2)] public double Accuracy { get; init; }

    [Id(3)] public double TarAtFar1e3 { get; init; }

    /// <summary>Wall time of the epoch, training and evaluation together.</summary>
    [Id(4)] public double Seconds { get; init; }
}
