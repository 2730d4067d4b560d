using FaceKdGrid.Records;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// The scalars a run shows in TensorBoard for each epoch, by tag. TensorBoard groups tags by what precedes the '/':
/// the loss and its terms, the validation pairs' metrics (those the sweep selects and stops on), and the training
/// schedule and speed.
/// </summary>
public static class TensorBoardScalars
{
    public static IEnumerable<(string Tag, double Value)> Of(EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        yield return ("loss/total", epoch.Loss);
        foreach (var (term, value) in epoch.LossComponents.OrderBy(component => component.Key, StringComparer.Ordinal))
        {
            yield return ($"loss/{term}", value);
        }
        if (epoch.Validation is { } validation)
        {
            yield return ("validation/accuracy", validation.Accuracy);
            yield return ("validation/accuracy_std", validation.AccuracyStd);
            yield return ("validation/tar", validation.Tar);
            yield return ("validation/far", validation.Far);
        }
        yield return ("train/learning_rate", epoch.LearningRate);
        yield return ("train/epoch_seconds", epoch.Seconds);
        yield return ("train/images_per_second", epoch.ImagesPerSecond);
    }
}
