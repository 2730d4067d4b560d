using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Losses;

public sealed class ContrastiveKdLossTests
{
    private const double Tau = 0.5;

    public ContrastiveKdLossTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void IsTauTimesTheMeanCrossEntropyOverBatchAndQueue()
    {
        using var loss = new ContrastiveKdLoss(2, queueSize: 1, Tau);
        // The first batch leaves its last teacher embedding, (3, 4) -> (0.6, 0.8), in the queue of one.
        using (loss.call(Matrix(1, 0, 0, 1), Matrix(1, 0, 3, 4)))
        {
        }
        using var student = Matrix(1, 0, 2, 2).requires_grad_();
        using var teacher = Matrix(1, 0, 0, 5);

        using var value = loss.call(student, teacher);

        // Unit vectors: s1 = (1, 0), s2 = (1, 1)/sqrt 2; t1 = (1, 0), t2 = (0, 1); queue q = (0.6, 0.8).
        var r = 1 / Math.Sqrt(2);
        var row1 = CrossEntropy(0, [1, 0, 0.6]);
        var row2 = CrossEntropy(1, [r, r, 1.4 * r]);
        Assert.Equal(Tau * (row1 + row2) / 2, value.item<float>(), 5);
    }

    [Fact]
    public void BeforeAnythingIsQueuedOnlyTheBatchIsContrasted()
    {
        using var queued = new ContrastiveKdLoss(2, queueSize: 4, Tau);
        using var inBatchOnly = new ContrastiveKdLoss(2, queueSize: 0, Tau);
        using var student = Matrix(1, 0, 2, 2);
        using var teacher = Matrix(1, 0, 0, 5);

        using var first = queued.call(student, teacher);
        using var withoutQueue = inBatchOnly.call(student, teacher);

        var r = 1 / Math.Sqrt(2);
        var expected = Tau * (CrossEntropy(0, [1, 0]) + CrossEntropy(1, [r, r])) / 2;
        Assert.Equal(expected, first.item<float>(), 5);
        Assert.Equal(expected, withoutQueue.item<float>(), 5);
    }

    [Fact]
    public void TheQueueHoldsTheLastKTeacherEmbeddingsOldestFirst()
    {
        using var loss = new ContrastiveKdLoss(8, queueSize: 3, Tau);
        using var student = torch.randn(2, 8);

        using (loss.call(student, OneHots(0, 1)))
        {
        }
        using (var afterOne = loss.QueuedEmbeddings())
        {
            Assert.Equal([0L, 1L], HotIndices(afterOne));
        }
        using (loss.call(student, OneHots(2, 3)))
        {
        }
        using (loss.call(student, OneHots(4, 5)))
        {
        }
        using (var wrapped = loss.QueuedEmbeddings())
        {
            Assert.Equal([3L, 4L, 5L], HotIndices(wrapped));
        }
        using (loss.call(torch.randn(4, 8), OneHots(6, 7, 0, 1)))
        {
        }
        using var overflowed = loss.QueuedEmbeddings();
        Assert.Equal([7L, 0L, 1L], HotIndices(overflowed));
    }

    [Fact]
    public void WithoutAQueueNothingIsKept()
    {
        using var loss = new ContrastiveKdLoss(2, queueSize: 0, Tau);
        using (loss.call(Matrix(1, 0, 0, 1), Matrix(1, 0, 0, 1)))
        {
        }

        using var queued = loss.QueuedEmbeddings();

        Assert.Equal([0L, 2L], queued.shape);
    }

    [Fact]
    public void GradientsReachOnlyTheStudent()
    {
        using var loss = new ContrastiveKdLoss(2, queueSize: 2, Tau);
        using (loss.call(Matrix(1, 0, 0, 1), Matrix(1, 1, 1, -1)))
        {
        }
        using var student = Matrix(1, 0, 2, 2).requires_grad_();
        using var teacher = Matrix(1, 0, 0, 5).requires_grad_();

        using var value = loss.call(student, teacher);
        value.backward();

        Assert.NotNull(student.grad);
        Assert.True(student.grad.abs().sum().item<float>() > 0);
        Assert.Null(teacher.grad);
        Assert.All(loss.buffers(), buffer => Assert.False(buffer.requires_grad));
    }

    [Fact]
    public void ASavedQueueLoadsBackExactly()
    {
        using var saved = new ContrastiveKdLoss(4, queueSize: 3, Tau);
        using (saved.call(torch.randn(2, 4), torch.randn(2, 4)))
        {
        }
        using (saved.call(torch.randn(2, 4), torch.randn(2, 4)))
        {
        }
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            saved.save(writer);
        }
        buffer.Position = 0;
        using var loaded = new ContrastiveKdLoss(4, queueSize: 3, Tau);
        using (var reader = new BinaryReader(buffer))
        {
            loaded.load(reader);
        }
        using var student = torch.randn(2, 4);
        using var teacher = torch.randn(2, 4);

        using var savedQueue = saved.QueuedEmbeddings();
        using var loadedQueue = loaded.QueuedEmbeddings();
        Assert.Equal([3L, 4L], loadedQueue.shape);
        Assert.True(savedQueue.equal(loadedQueue).all().item<bool>());
        using var next = saved.call(student, teacher);
        using var nextLoaded = loaded.call(student, teacher);
        Assert.Equal(next.item<float>(), nextLoaded.item<float>());
    }

    [Fact]
    public void InvalidSettingsAreRejectedNamingTheParameter()
    {
        Assert.Equal("queueSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveKdLoss(2, -1, Tau)).ParamName);
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveKdLoss(2, 4, 0)).ParamName);
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveKdLoss(0, 4, Tau)).ParamName);
        var settings = new KdLossSettings(KdLossKind.Contrastive);
        Assert.Equal("QueueSize", Assert.Throws<ArgumentOutOfRangeException>(() => settings with { QueueSize = -5 }).ParamName);
        Assert.Equal("ContrastiveTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => settings with { ContrastiveTemperature = double.NaN }).ParamName);
        Assert.Equal(1024, settings.QueueSize);
        Assert.Equal(0.07, settings.ContrastiveTemperature);
    }

    [Fact]
    public void AQueueAsLargeAsThePoolIsRefused()
    {
        var settings = new KdLossSettings(KdLossKind.Contrastive) { QueueSize = 4000 };

        settings.RequireQueueBelowPool(4001);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => settings.RequireQueueBelowPool(4000));
        Assert.Equal("QueueSize", refused.ParamName);
        Assert.Contains("must stay below the pool's 4000 images", refused.Message, StringComparison.Ordinal);
        // Other losses keep no queue.
        (settings with { Kind = KdLossKind.Feature }).RequireQueueBelowPool(10);
    }

    [Fact]
    public void TheObjectiveBuildsItFromSettingsAndNeedsTheEmbeddingSize()
    {
        var settings = new KdLossSettings(KdLossKind.Contrastive) { QueueSize = 0, ContrastiveTemperature = Tau };
        using var objective = new KdObjective(settings, embeddingSize: 2);
        using var student = Matrix(1, 0, 2, 2);
        using var teacher = Matrix(1, 0, 0, 5);

        var terms = objective.call(student, teacher);

        var r = 1 / Math.Sqrt(2);
        Assert.Equal(Tau * (CrossEntropy(0, [1, 0]) + CrossEntropy(1, [r, r])) / 2, terms.Total.item<float>(), 5);
        Assert.Equal(terms.Total.item<float>(), terms.Contrastive!.item<float>());
        Assert.Null(terms.Feature);
        Assert.Null(terms.Indirect);
        Assert.True(objective.CarriesState);
        Assert.Equal("embeddingSize", Assert.Throws<ArgumentException>(() => new KdObjective(settings)).ParamName);
    }

    /// <summary>-log softmax(cosines / tau)[target], computed without torch.</summary>
    private static double CrossEntropy(int target, double[] cosines)
    {
        var sum = cosines.Sum(cosine => Math.Exp(cosine / Tau));
        return -Math.Log(Math.Exp(cosines[target] / Tau) / sum);
    }

    private static torch.Tensor Matrix(float a, float b, float c, float d) => torch.tensor(new[] { a, b, c, d }).reshape(2, 2);

    private static torch.Tensor OneHots(params long[] indices)
    {
        using var index = torch.tensor(indices);
        return torch.nn.functional.one_hot(index, 8).to_type(torch.float32);
    }

    private static long[] HotIndices(torch.Tensor rows)
    {
        using var hot = rows.argmax(1);
        return hot.data<long>().ToArray();
    }
}
