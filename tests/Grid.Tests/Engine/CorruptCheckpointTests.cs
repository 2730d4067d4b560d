using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;
using FaceKdGrid.TestSupport;
using FaceKdGrid.TestSupport.Azurite;
using FaceKdGrid.TestSupport.Storage;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Engine;

/// <summary>
/// Checkpoints damaged in storage (Azurite, and the embedded default's folder): the next attempt resumes from the
/// checkpoint before the damaged one, which the grid keeps, or starts afresh when that one is damaged too.
/// </summary>
public sealed class CorruptCheckpointTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Epochs = 3;

    private readonly AzuriteFixture azurite;
    private readonly string root = Directory.CreateTempSubdirectory("facekd-checkpoints-").FullName;
    private readonly ListLogger logger = new();

    public CorruptCheckpointTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Theory]
    [InlineData(true, nameof(StoredDamage.Truncate))]
    [InlineData(true, nameof(StoredDamage.FlipBit))]
    [InlineData(false, nameof(StoredDamage.Truncate))]
    [InlineData(false, nameof(StoredDamage.FlipBit))]
    public async Task ADamagedNewestCheckpointResumesTheTrialFromTheOneBefore(bool inAzurite, string damage)
    {
        var stored = inAzurite ? DamageableStore.InAzurite(azurite) : DamageableStore.InFolder(root);
        var next = await RunEpochsAsync(stored);
        await stored.DamageAsync(next.ResumeFrom!, damage);

        var resumed = await TrialResume.LoadAsync(stored.Store, next, logger, CancellationToken.None);

        Assert.Equal(Epochs - 1, resumed?.EpochsCompleted);
        Assert.Contains(logger.Lines, line => line.Contains($"'{next.ResumeFrom}' is corrupt: its checksum did not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIntactNewestCheckpointIsResumedFromAndOnlyTheNewestTwoAreKept()
    {
        var stored = DamageableStore.InAzurite(azurite);
        var next = await RunEpochsAsync(stored);

        var resumed = await TrialResume.LoadAsync(stored.Store, next, logger, CancellationToken.None);

        Assert.Equal(Epochs, resumed?.EpochsCompleted);
        Assert.Empty(logger.Lines);
        Assert.Equal([Checkpoint(Epochs - 1), Checkpoint(Epochs)], await stored.Store.ListAsync("sweeps/").ToListAsync());
    }

    [Fact]
    public async Task WithBothKeptCheckpointsDamagedTheTrialStartsAfresh()
    {
        var stored = DamageableStore.InAzurite(azurite);
        var next = await RunEpochsAsync(stored);
        await stored.DamageAsync(Checkpoint(Epochs), nameof(StoredDamage.FlipBit));
        await stored.DamageAsync(Checkpoint(Epochs - 1), nameof(StoredDamage.Truncate));

        var resumed = await TrialResume.LoadAsync(stored.Store, next, logger, CancellationToken.None);

        Assert.Null(resumed);
        Assert.Contains(logger.Lines, line => line.Contains("starts afresh", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string Checkpoint(int epoch) => TrialArtifacts.EpochCheckpoint("s1", "t001", epoch);

    /// <summary>
    /// The first attempt's epochs, checkpointed by the grid's own callback as the trainer would call it; returns the
    /// assignment the coordinator then gives the next attempt.
    /// </summary>
    private static async Task<TrialAssignment> RunEpochsAsync(DamageableStore stored)
    {
        var assignment = new TrialAssignment { SweepId = "s1", TrialId = "t001", Kind = TrialKind.Student, Attempt = 1 };
        var progress = new RecordingProgressSink();
        var callback = new GridEpochCallback(stored.Store, assignment, progress);
        using var model = torch.nn.Linear(64, 64);
        using var optimizer = torch.optim.SGD(model.parameters(), 0.1);
        var history = new List<EpochMetrics>();
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            var metrics = new EpochMetrics(epoch, 1.0 / epoch, new Dictionary<string, double>(), 0.1, 1000, 1, null);
            history.Add(metrics);
            var snapshot = history.ToList();
            var completed = epoch;
            await callback.OnEpochEndAsync(new EpochEndContext(metrics, snapshot, Epochs,
                () => TrainingCheckpoint.Capture(new Dictionary<string, torch.nn.Module> { ["student"] = model }, optimizer, completed, completed * 10L, snapshot,
                    new Dictionary<string, string>())), CancellationToken.None);
        }
        return assignment with { Attempt = 2, ResumeFrom = progress.LastCheckpoint, ResumeEpoch = progress.LastCheckpointEpoch };
    }
}
