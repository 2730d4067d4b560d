using FaceKdGrid.Client.Specs;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grid.Tests.Cluster;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Grid.Tests.Grains;

/// <summary>What depends on the stored sets (pool, test, validation and agreement sets) is refused at submission, naming the key: nothing is created.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class SubmissionPoolChecksTests(GridClusterFixture fixture)
{
    [Theory]
    [InlineData("supervised-unlabeled", "data: { dataset: unlabeled-pool }\nsearch_space: { compression_ratio: 4, loss: [feature, supervised] }",
        "search_space.loss", "'supervised' needs a labeled pool; data set 'unlabeled-pool' has no identity labels")]
    [InlineData("queue-over-stored-pool", "data: { dataset: unlabeled-pool }\nsearch_space: { compression_ratio: 4, loss: contrastive, loss.queue_size: 64 }",
        "search_space.loss.queue_size", "QueueSize 64 must stay below the pool's 24 images")]
    [InlineData("queue-over-rendered-pool", "data: { synthface: { images: 500 } }\nsearch_space: { compression_ratio: 4, loss: contrastive }",
        "search_space.loss.queue_size", "QueueSize 1024 must stay below the pool's 500 images")]
    [InlineData("pool-not-stored", "data: { dataset: nowhere }\nsearch_space: { compression_ratio: 4 }",
        "data.dataset", "'nowhere' is not in the artifact store")]
    [InlineData("test-pairs-not-stored", "evaluation: { dataset: no-pairs, validation_dataset: unlabeled-pool }\nsearch_space: { compression_ratio: 4 }",
        "evaluation.dataset", "'no-pairs' is not in the artifact store")]
    [InlineData("validation-pairs-are-faces", "evaluation: { dataset: no-pairs, validation_dataset: unlabeled-pool }\nsearch_space: { compression_ratio: 4 }",
        "evaluation.validation_dataset", "'unlabeled-pool' holds faces, not verification pairs")]
    [InlineData("agreement-not-stored", "evaluation: { agreement: no-faces }\nsearch_space: { compression_ratio: 4 }",
        "evaluation.agreement", "'no-faces' is not in the artifact store")]
    public async Task ASpecThePoolCannotServeIsRejected(string name, string body, string field, string problem)
    {
        await StoreUnlabeledPoolAsync();
        var spec = SweepSpecYaml.Parse($"name: {name}\nteacher: {{ kind: dlib }}\n{body}").Spec!;
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(name);

        var result = await coordinator.SubmitAsync(spec);

        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, error => error.Field == field && error.Problem.Contains(problem, StringComparison.Ordinal));
        Assert.Equal(SweepStatus.Unknown, (await coordinator.GetStatusAsync()).Status);
    }

    [Fact]
    public async Task SupervisedOnARenderedSynthFacePoolIsAccepted()
    {
        var spec = SweepSpecYaml.Parse("name: supervised-synth\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss: supervised, epochs: 1 }").Spec!;

        var result = await fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name).SubmitAsync(spec);

        Assert.Equal(SubmitOutcome.Created, result.Outcome);
    }

    private async Task StoreUnlabeledPoolAsync()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var store = new LocalFolderArtifactStore(fixture.Options.ArtifactRoot);
        if (await DatasetArtifacts.TryReadIndexAsync(store, "unlabeled-pool", CancellationToken.None) is null)
        {
            using var faces = new FaceSet(zeros([24, 3, 32, 32], ScalarType.Byte));
            await DatasetArtifacts.WriteFacesAsync(store, "unlabeled-pool", faces, shardSize: 16, CancellationToken.None);
        }
    }
}
