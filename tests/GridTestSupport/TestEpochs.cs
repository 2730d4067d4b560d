using FaceKdGrid.Records;

namespace FaceKdGrid.GridTestSupport;

/// <summary>An epoch's metrics for tests that set only what they look at; the rest is zero.</summary>
public static class TestEpochs
{
    public static EpochMetrics Validated(int epoch, double accuracy, double tar = 0, double far = 0, double loss = 0, double seconds = 0) =>
        new(epoch, loss, new Dictionary<string, double>(), LearningRate: 0, ImagesPerSecond: 0, seconds, new EpochValidation(accuracy, AccuracyStd: 0, tar, far));
}
