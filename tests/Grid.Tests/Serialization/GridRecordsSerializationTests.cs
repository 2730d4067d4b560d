using FaceKdGrid.Grains.Data;
using FaceKdGrid.Grains.Serialization;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.Records;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Serialization;

/// <summary>
/// The records the engine and the grid share carry no Orleans attributes: grain calls and grain state hold them through
/// the JSON codec that <see cref="GridRecordsSerialization.AddGridRecords"/> registers, as every silo and client does.
/// </summary>
public sealed class GridRecordsSerializationTests
{
    private static readonly EpochMetrics Epoch = new(3, 0.25, new Dictionary<string, double> { ["feature"] = 0.2, ["relation"] = 0.05 },
        LearningRate: 0.01, ImagesPerSecond: 1234.5, Seconds: 6.5, new EpochValidation(0.91, 0.02, 0.4, 0.001))
    {
        EndedAt = new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(1)),
    };

    /// <summary>A diverged epoch that validated nothing: NaN, which plain JSON has no number for.</summary>
    private static readonly EpochMetrics Diverged = new(4, double.NaN, new Dictionary<string, double>(), 0.01, 1000, 6, Validation: null);

    private static readonly RegisteredShard Shard = TestShards.Registered("pool", 2, imageSize: 112);

    private readonly IServiceProvider services = new ServiceCollection().AddSerializer(serializer => serializer.AddGridRecords()).BuildServiceProvider();

    [Fact]
    public void AnEpochCrossesAGrainCallAndIsCopiedWhole()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var copier = services.GetRequiredService<DeepCopier>();

        foreach (var epoch in new[] { Epoch, Diverged })
        {
            AssertSame(epoch, serializer.Deserialize<EpochMetrics>(serializer.SerializeToArray(epoch))!);
            AssertSame(epoch, copier.Copy(epoch)!);
        }
    }

    [Fact]
    public void ATrialSnapshotAndARegisteredShardCrossAGrainCall()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var snapshot = new TrialSnapshot { SweepId = "sweep", TrialId = "t000", Exists = true, Epochs = [Epoch, Diverged] };

        var read = serializer.Deserialize<TrialSnapshot>(serializer.SerializeToArray(snapshot))!;

        Assert.Equal(2, read.Epochs.Count);
        AssertSame(Epoch, read.Epochs[0]);
        AssertSame(Diverged, read.Epochs[1]);
        Assert.Equal(Shard, serializer.Deserialize<RegisteredShard>(serializer.SerializeToArray(Shard)));
    }

    [Fact]
    public void GrainStateHoldingThemReadsBackAsWritten()
    {
        var storage = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());

        var experiment = storage.Deserialize<ExperimentState>(storage.Serialize(new ExperimentState { Epochs = [Epoch, Diverged] }))!;
        var shard = storage.Deserialize<DataShardState>(storage.Serialize(new DataShardState { Registered = Shard }))!;

        AssertSame(Epoch, experiment.Epochs[0]);
        AssertSame(Diverged, experiment.Epochs[1]);
        Assert.Equal(Shard, shard.Registered);
    }

    [Fact]
    public void WithoutTheRegistrationOrleansCannotCarryThem()
    {
        var bare = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        Assert.Throws<CodecNotFoundException>(() => bare.SerializeToArray(Epoch));
        Assert.Throws<CodecNotFoundException>(() => bare.SerializeToArray(Shard));
    }

    /// <summary>Records compare dictionaries by reference: the loss components are compared by content.</summary>
    private static void AssertSame(EpochMetrics expected, EpochMetrics actual)
    {
        Assert.Equal(expected, actual with { LossComponents = expected.LossComponents });
        Assert.Equal(expected.LossComponents.OrderBy(pair => pair.Key), actual.LossComponents.OrderBy(pair => pair.Key));
    }
}
