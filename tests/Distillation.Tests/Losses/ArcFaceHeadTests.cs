using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Losses;

public sealed class ArcFaceHeadTests
{
    public ArcFaceHeadTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    private static ArcFaceHead HeadWithCentres(float[] centres, int classCount, double scale, double margin)
    {
        var head = new ArcFaceHead(centres.Length / classCount, classCount, scale, margin);
        using (torch.no_grad())
        {
            head.named_parameters().Single().parameter.copy_(torch.tensor(centres).reshape(classCount, -1));
        }
        return head;
    }

    [Fact]
    public void AddsTheAngularMarginToTheTrueClass()
    {
        using var head = HeadWithCentres([1, 0, 0, 1], classCount: 2, scale: 2, margin: 0.5);
        using var embeddings = torch.tensor(new float[] { 3, 0 }).reshape(1, 2).requires_grad_();
        using var labels = torch.tensor(new long[] { 0 });

        using var loss = head.call(embeddings, labels);
        loss.backward();

        // theta_y = 0 -> true logit 2 cos(0.5) = 1.75517; other 2 cos(90 deg) = 0. CE = ln(1 + e^-1.75517) = 0.15946.
        Assert.Equal(0.15946, loss.item<float>(), 4);
        Assert.True(torch.isfinite(embeddings.grad!).all().item<bool>());
    }

    [Fact]
    public void PastPiMinusMarginTheTrueLogitFallsBackLikeInsightFace()
    {
        using var head = HeadWithCentres([1, 0, 0, 1], classCount: 2, scale: 2, margin: 0.5);
        using var embeddings = torch.tensor(new float[] { -1, 0.1f }).reshape(1, 2);
        using var labels = torch.tensor(new long[] { 0 });

        using var loss = head.call(embeddings, labels);

        // cos theta_y = -1/sqrt(1.01) = -0.99504 < cos(pi - 0.5) = -0.87758, so the true logit is
        // cos theta_y - sin(pi - 0.5) x 0.5 = -0.99504 - 0.23971 = -1.23475; the other is 0.1/sqrt(1.01) = 0.09950.
        // CE = ln(1 + e^(2 x (0.09950 + 1.23475))) = 2.73556.
        Assert.Equal(2.73556, loss.item<float>(), 4);
    }

    [Fact]
    public void AFewStepsOnSeparableDataLowerTheLoss()
    {
        torch.manual_seed(3);
        const int classCount = 4;
        using var directions = torch.eye(classCount, 8);
        using var labels = torch.arange(classCount, dtype: torch.int64).repeat(8);
        using var inputs = directions.index_select(0, labels).add(torch.randn(labels.shape[0], 8).mul(0.1));
        using var encoder = torch.nn.Linear(8, 8);
        using var head = new ArcFaceHead(8, classCount, scale: 16, margin: 0.3);
        using var optimiser = torch.optim.Adam(encoder.parameters().Concat(head.parameters()), lr: 0.05);

        var losses = new List<float>();
        for (var step = 0; step < 30; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimiser.zero_grad();
            var loss = head.call(encoder.call(inputs), labels);
            loss.backward();
            optimiser.step();
            losses.Add(loss.item<float>());
        }

        Assert.True(losses[^1] < 0.5 * losses[0], $"loss went from {losses[0]} to {losses[^1]}");
    }

    [Fact]
    public void MovingTheHeadMovesItsCentres()
    {
        using var head = HeadWithCentres([1, 0, 0, 1], classCount: 2, scale: 2, margin: 0.5);
        head.to(torch.float64);
        using var embeddings = torch.tensor(new double[] { 3, 0 }).reshape(1, 2);
        using var labels = torch.tensor(new long[] { 0 });

        using var loss = head.call(embeddings, labels);
        using var centres = head.ClassCentres();

        Assert.Equal(torch.float64, centres.dtype);
        Assert.Equal(0.15946, loss.item<double>(), 4);
    }

    [Fact]
    public void ClassCentresAreTheNormalisedWeightRows()
    {
        using var head = HeadWithCentres([3, 4, 0, 2, 1, 0], classCount: 3, scale: 64, margin: 0.5);

        using var centres = head.ClassCentres();

        Assert.Equal(new long[] { 3, 2 }, centres.shape);
        Assert.False(centres.requires_grad);
        Assert.Equal(new float[] { 0.6f, 0.8f, 0, 1, 1, 0 }, centres.data<float>().ToArray());
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var head = new ArcFaceHead(4, 3);
        using var embeddings = torch.zeros(2, 4);
        using var intLabels = torch.zeros(2, dtype: torch.int32);

        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ArcFaceHead(4, 1)).ParamName);
        Assert.Equal("margin", Assert.Throws<ArgumentOutOfRangeException>(() => new ArcFaceHead(4, 3, margin: 2)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new ArcFaceHead(4, 3, scale: 0)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => head.call(embeddings, intLabels)).ParamName);
    }
}
