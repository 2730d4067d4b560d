using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Training;

/// <summary>Where a running trial reports: forwarded to its experiment grain and (epochs) to the coordinator.</summary>
public interface ITrialProgressSink
{
    /// <summary>Records one epoch; the answer says whether to go on (ASHA, max epochs or a cancel may stop it).</summary>
    Task<EpochDecision> ReportEpochAsync(EpochMetrics metrics, CancellationToken cancellationToken);

    /// <summary>Records a checkpoint written after <paramref name="epoch"/> at artifact-store key <paramref name="location"/>.</summary>
    Task ReportCheckpointAsync(int epoch, string location, CancellationToken cancellationToken);
}
