using System.Collections.Concurrent;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.GridTestSupport;

/// <summary>
/// A stand-in for the training engine: sleeps per "epoch", reports metrics that depend on the parameters
/// (better for aug.strength near 0.5 and for smaller ratios), writes a checkpoint key every epoch, resumes after
/// the checkpoint's epoch (and says so in its outcome), and fails on demand: a learning rate of at least <see cref="DivergentLr"/> diverges on
/// every attempt; seed <see cref="FlakySeed"/> fails its first attempt only.
/// </summary>
public sealed class FakeTrialExecutor : ITrialExecutor
{
    public const double DivergentLr = 100;
    public const int FlakySeed = 99;
    public const long TeacherParams = 1_000_000;
    public const double TeacherAccuracy = 0.97;
    public const double TeacherAgreement = 0.8;
    public const double UntrainedTeacherAgreement = 0.3;
    public const double TeacherNeighbourAgreement = 0.5;
    public const double ValidationGap = 0.02;
    public const double Far = 0.02;

    private readonly ConcurrentQueue<ExecutionRecord> executions = new();

    public TimeSpan EpochDelay { get; init; } = TimeSpan.FromMilliseconds(40);

    public IReadOnlyList<ExecutionRecord> Executions => executions.ToArray();

    public IReadOnlyList<ExecutionRecord> ExecutionsOf(string sweepId) =>
        executions.Where(record => record.Assignment.SweepId == sweepId).ToArray();

    public static double Quality(TrialParameters parameters) =>
        0.95 - 0.005 * parameters.CompressionRatio - 0.2 * Math.Abs(parameters.Get(SearchKeys.AugStrength) - 0.5);

    public async Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken)
    {
        var parameters = assignment.Parameters;
        var epochs = parameters?.Epochs ?? assignment.Teacher.Epochs;
        var epoch = assignment.ResumeEpoch;
        var ending = "completed";
        try
        {
            while (epoch < epochs)
            {
                await Task.Delay(EpochDelay, cancellationToken);
                epoch++;
                if (parameters?.Get(SearchKeys.Lr) >= DivergentLr)
                {
                    throw new InvalidOperationException($"diverged: loss is NaN at epoch {epoch}");
                }
                if (parameters?.Get(SearchKeys.Seed) == FlakySeed && assignment.Attempt == 1 && epoch == 2)
                {
                    throw new IOException("shard cache vanished");
                }
                await progress.ReportCheckpointAsync(epoch, $"checkpoints/{assignment.SweepId}/{assignment.TrialId}/epoch-{epoch}.pt", cancellationToken);
                var decision = await progress.ReportEpochAsync(
                    TestEpochs.Validated(epoch, Accuracy(parameters, epoch), tar: Accuracy(parameters, epoch) - 0.3, Far, loss: 1.0 / epoch, EpochDelay.TotalSeconds),
                    cancellationToken);
                if (decision == EpochDecision.Stop)
                {
                    ending = "stopped";
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            executions.Enqueue(new ExecutionRecord(assignment, "cancelled", epoch));
            throw;
        }
        catch (Exception error)
        {
            executions.Enqueue(new ExecutionRecord(assignment, "failed: " + error.Message, epoch));
            throw;
        }
        executions.Enqueue(new ExecutionRecord(assignment, ending, epoch));
        return Outcome(assignment, epoch);
    }

    private static double Accuracy(TrialParameters? parameters, int epoch) =>
        (parameters is null ? TeacherAccuracy : Quality(parameters)) - 0.1 / epoch;

    private static TrialOutcome Outcome(TrialAssignment assignment, int epochs)
    {
        if (assignment.Parameters is not { } parameters)
        {
            return new TrialOutcome
            {
                Accuracy = TeacherAccuracy,
                StudentParams = TeacherParams,
                CompressionRatio = 1,
                EpochsRun = epochs,
                TeacherParams = TeacherParams,
                TeacherAccuracy = TeacherAccuracy,
                CheckpointLocation = $"checkpoints/{assignment.SweepId}/teacher/final.pt",
                ResumedFromEpoch = assignment.ResumeEpoch,
            };
        }
        var accuracy = Accuracy(parameters, epochs);
        var measuresAgreement = assignment.Evaluation.Agreement is not null;
        return new TrialOutcome
        {
            Accuracy = accuracy,
            AccuracyStd = 0.01,
            UntrainedAccuracy = 0.6,
            Tar = accuracy - 0.3,
            Far = Far,
            // The fake's validation pairs score a little below its test pairs, so a test can tell which a result read.
            ValidationAccuracy = accuracy - ValidationGap,
            ValidationTar = accuracy - 0.3 - ValidationGap,
            StudentParams = (long)(TeacherParams / parameters.CompressionRatio),
            CompressionRatio = parameters.CompressionRatio,
            MultiplyAdds = (long)(50_000_000 / parameters.CompressionRatio),
            EpochsRun = epochs,
            CheckpointLocation = $"checkpoints/{assignment.SweepId}/{assignment.TrialId}/final.pt",
            TeacherAgreement = measuresAgreement ? TeacherAgreement : null,
            UntrainedTeacherAgreement = measuresAgreement ? UntrainedTeacherAgreement : null,
            TeacherNeighbourAgreement = measuresAgreement ? TeacherNeighbourAgreement : null,
            ResumedFromEpoch = assignment.ResumeEpoch,
        };
    }
}
