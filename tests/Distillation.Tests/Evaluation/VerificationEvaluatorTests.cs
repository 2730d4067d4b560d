using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

public sealed class VerificationEvaluatorTests
{
    private const int Size = 16;
    private const int PairCount = 40;

    public VerificationEvaluatorTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void MirroredPairsAreIdenticalUnderTheFlipSumEvenForAnOrientationSensitiveEmbedding()
    {
        using var set = MirroredPairs();

        var similarities = VerificationEvaluator.PairSimilarities(x => x.flatten(1), set, CPU, batchSize: 6);

        for (var i = 0; i < PairCount; i++)
        {
            if (set.IsSame[i])
            {
                Assert.Equal(1f, similarities[i], 5);
            }
            else
            {
                Assert.InRange(similarities[i], -1f, 0.9f);
            }
        }
        Assert.Equal(1.0, VerificationEvaluator.Evaluate(x => x.flatten(1), set, CPU, batchSize: 6).Accuracy, 12);
    }

    [Fact]
    public void RawPixelBaselineSeparatesMirroredFromRandomPairs()
    {
        using var set = MirroredPairs();

        var result = RawPixelBaseline.Evaluate(set);

        Assert.Equal(1.0, result.Accuracy, 12);
        Assert.Equal(1.0, result.Tar, 12);
        Assert.Equal(0.5, result.Far);
    }

    [Fact]
    public void EmbedderRunsInEvalModeAndGetsItsModeBack()
    {
        using var set = MirroredPairs();
        using var model = new ModeRecordingEmbedder();
        model.train();

        var result = VerificationEvaluator.Evaluate(model, set, CPU, batchSize: 8);

        Assert.Equal(1.0, result.Accuracy, 12);
        Assert.True(model.Calls > 0);
        Assert.False(model.SawTrainingMode);
        Assert.True(model.training);
    }

    [Fact]
    public void BadArgumentsAreRejectedNamingTheParameter()
    {
        using var set = MirroredPairs();
        using var model = new ModeRecordingEmbedder(inputSize: Size * 2);

        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => VerificationEvaluator.Evaluate(x => x.flatten(1), set, CPU, 1)).ParamName);
        Assert.Equal("set", Assert.Throws<ArgumentException>(() => VerificationEvaluator.Evaluate(model, set, CPU, 8)).ParamName);
        Assert.Throws<InvalidOperationException>(() => VerificationEvaluator.Evaluate(x => x, set, CPU, 8));
    }

    /// <summary>Even pairs are matched (the second image is the first mirrored); odd pairs are two random images.</summary>
    private static VerificationSet MirroredPairs()
    {
        var generator = new Generator(11);
        var images = torch.randint(0, 256, [2 * PairCount, 3, Size, Size], ScalarType.Byte, generator: generator);
        var isSame = Enumerable.Range(0, PairCount).Select(i => i % 2 == 0).ToArray();
        for (var i = 0; i < PairCount; i += 2)
        {
            images[2 * i + 1].copy_(images[2 * i].flip(2));
        }
        return new VerificationSet(images, isSame, foldCount: 4);
    }

    private sealed class ModeRecordingEmbedder(int inputSize = Size) : FaceEmbedder(nameof(ModeRecordingEmbedder))
    {
        public int Calls { get; private set; }

        public bool SawTrainingMode { get; private set; }

        public override int EmbeddingSize => 3 * inputSize * inputSize;

        public override int InputSize => inputSize;

        public override Tensor forward(Tensor input)
        {
            Calls++;
            SawTrainingMode |= training;
            return input.flatten(1);
        }
    }
}
