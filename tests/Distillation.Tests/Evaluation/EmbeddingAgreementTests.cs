using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

public sealed class EmbeddingAgreementTests
{
    private const int Faces = 60;

    [Fact]
    public void IdenticalEmbeddingsAgreeCompletely()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var embeddings = Clustered(seed: 1, dimensions: 16);

        var result = EmbeddingAgreement.Compare(embeddings, embeddings.clone());

        Assert.Equal(Faces, result.FaceCount);
        Assert.Equal(1, result.SimilarityCorrelation, 1e-9);
        Assert.Equal(1, result.NeighbourAgreement);
    }

    [Fact]
    public void ARotatedScaledCopyInAnotherDimensionAgreesCompletely()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var embeddings = Clustered(seed: 2, dimensions: 16);
        // Orthonormal rows [16, 40]: inner products, hence cosines, are kept while the dimension changes.
        var (q, _) = torch.linalg.qr(torch.randn([40, 16], dtype: ScalarType.Float64, generator: new Generator(3)));
        var rotated = embeddings.to_type(ScalarType.Float64).matmul(q.t()).mul(7).to_type(ScalarType.Float32);

        var result = EmbeddingAgreement.Compare(embeddings, rotated);

        Assert.Equal(1, result.SimilarityCorrelation, 1e-6);
        Assert.Equal(1, result.NeighbourAgreement);
    }

    [Fact]
    public void IndependentEmbeddingsBarelyCorrelate()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();

        var first = torch.randn([Faces, 16], generator: new Generator(4));
        var second = torch.randn([Faces, 24], generator: new Generator(5));

        var result = EmbeddingAgreement.Compare(first, second);

        Assert.True(Math.Abs(result.SimilarityCorrelation) < 0.1, $"correlation {result.SimilarityCorrelation}");
        // Chance is 1 / (N - 1); allow a few lucky faces.
        Assert.True(result.NeighbourAgreement < 0.1, $"neighbour agreement {result.NeighbourAgreement}");
    }

    [Fact]
    public void PartialAgreementLiesBetween()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var embeddings = Clustered(seed: 6, dimensions: 16);
        var noisy = embeddings.add(torch.randn(embeddings.shape, generator: new Generator(7)).mul(0.3));

        var result = EmbeddingAgreement.Compare(embeddings, noisy);

        Assert.InRange(result.SimilarityCorrelation, 0.3, 0.99);
        Assert.InRange(result.NeighbourAgreement, 0.2, 0.99);
    }

    [Fact]
    public void FewerThanThreeFacesOrMismatchedCountsAreRejected()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();

        var tooFew = Assert.Throws<ArgumentException>(() => EmbeddingAgreement.Compare(torch.randn(2, 8), torch.randn(2, 8)));
        Assert.Equal("first", tooFew.ParamName);
        Assert.Contains("at least 3", tooFew.Message);
        var mismatched = Assert.Throws<ArgumentException>(() => EmbeddingAgreement.Compare(torch.randn(5, 8), torch.randn(4, 8)));
        Assert.Equal("second", mismatched.ParamName);
    }

    /// <summary>Faces around 12 random centres, so that each has a clear nearest neighbour.</summary>
    private static Tensor Clustered(int seed, int dimensions)
    {
        var generator = new Generator((ulong)seed);
        var centres = torch.randn([12, dimensions], generator: generator);
        var members = torch.arange(Faces).remainder(12);
        return centres.index_select(0, members).add(torch.randn([Faces, dimensions], generator: generator).mul(0.4));
    }
}
