using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>Where and how a trial runs: the device, the per-epoch callbacks (progress, checkpoints, early
/// stopping), the shared teacher-output cache (null: the teacher runs on every batch), logging, and how pairs are verified.</summary>
public sealed record TrialContext(Device Device)
{
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    public ITeacherOutputCache? TeacherOutputs { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Batch size of verification passes (inference only, so larger than training batches).</summary>
    public int EvaluationBatchSize { get; init; } = 256;

    /// <summary>The FAR every TAR is reported at; null: the smallest each pair set supports (see <see cref="Evaluation.LfwProtocol.SupportedFar"/>).</summary>
    public double? FalseAcceptRate { get; init; }
}
