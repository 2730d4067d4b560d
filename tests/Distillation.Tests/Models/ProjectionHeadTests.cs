using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Models;

public sealed class ProjectionHeadTests
{
    public ProjectionHeadTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void EqualDimensionsPassEmbeddingsThrough()
    {
        using var head = new ProjectionHead(4, 4);
        using var embeddings = torch.randn(3, 4);

        using var projected = head.call(embeddings);

        Assert.True(head.IsIdentity);
        Assert.Empty(head.parameters());
        Assert.True(projected.eq(embeddings).all().item<bool>());
        Assert.False(ReferenceEquals(projected, embeddings));
    }

    [Fact]
    public void DifferentDimensionsUseABiasFreeLinearMap()
    {
        using var head = new ProjectionHead(2, 3);
        var weight = head.named_parameters().Single();
        using (torch.no_grad())
        {
            weight.parameter.copy_(torch.tensor(new float[] { 1, 0, 0, 1, 1, -1 }).reshape(3, 2));
        }
        using var embeddings = torch.tensor(new float[] { 2, 5 }).reshape(1, 2);

        using var projected = head.call(embeddings);

        Assert.False(head.IsIdentity);
        Assert.Equal("projection.weight", weight.name);
        // [2, 5] x W^T with rows (1, 0), (0, 1), (1, -1): [2, 5, -3].
        Assert.Equal(new float[] { 2, 5, -3 }, projected.data<float>().ToArray());
    }

    [Fact]
    public void WrongInputsAreRejected()
    {
        using var head = new ProjectionHead(2, 3);
        using var wrong = torch.zeros(1, 3);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => head.call(wrong)).ParamName);
        Assert.Equal("studentDimension", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectionHead(0, 3)).ParamName);
    }
}
