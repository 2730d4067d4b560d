using System.Collections.Concurrent;
using FaceKdGrid.Distillation.Runtime;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// Maps a requested compression ratio (teacher parameters / student parameters) to the MobileFaceNet whose ratio is
/// nearest in log scale, over widths 0.125..2 (steps of 1/16) and depths 0.5 and 1. Counts are measured once per
/// (input size, embedding size) and cached for the process.
/// </summary>
public static class StudentCatalog
{
    /// <summary>How far (as a factor) the nearest student's ratio may be from the requested one before it is refused.</summary>
    public const double MaxRatioMismatch = 1.25;

    private const double WidthStep = 1.0 / 16;
    private const int WidthSteps = 31;

    private static readonly ConcurrentDictionary<(int InputSize, int EmbeddingSize), Lazy<IReadOnlyList<(MobileFaceNetConfig Config, long Parameters)>>> Grids = new();
    private static readonly ConcurrentDictionary<MobileFaceNetConfig, Lazy<long>> MultiplyAdds = new();

    /// <summary>The widths searched, smallest first.</summary>
    public static IReadOnlyList<double> Widths { get; } = [.. Enumerable.Range(0, WidthSteps).Select(step => 0.125 + step * WidthStep)];

    /// <summary>The depths searched; the paper's depth comes first so it wins exact ties.</summary>
    public static IReadOnlyList<double> Depths { get; } = [1.0, 0.5];

    public static StudentChoice Choose(long teacherParameters, double compressionRatio, int inputSize, int embeddingSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(teacherParameters);
        if (double.IsNaN(compressionRatio) || compressionRatio <= 1 || double.IsPositiveInfinity(compressionRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(compressionRatio), compressionRatio, $"{nameof(compressionRatio)} must be a finite number greater than 1 (teacher parameters / student parameters)");
        }
        ArchitectureArguments.RequireInputSize(inputSize, nameof(inputSize));
        ArchitectureArguments.RequireEmbeddingSize(embeddingSize, nameof(embeddingSize));

        var grid = Grids.GetOrAdd((inputSize, embeddingSize), key => new Lazy<IReadOnlyList<(MobileFaceNetConfig, long)>>(() => MeasureGrid(key.InputSize, key.EmbeddingSize))).Value;
        var target = Math.Log(compressionRatio);
        var best = grid.MinBy(entry => Math.Abs(Math.Log((double)teacherParameters / entry.Parameters) - target));
        var achieved = (double)teacherParameters / best.Parameters;
        if (Math.Abs(Math.Log(achieved) - target) > Math.Log(MaxRatioMismatch))
        {
            var smallest = grid.Min(entry => entry.Parameters);
            var largest = grid.Max(entry => entry.Parameters);
            throw new ArgumentOutOfRangeException(nameof(compressionRatio), compressionRatio,
                $"no MobileFaceNet student reaches compression ratio {compressionRatio:G4} for a teacher of {teacherParameters:N0} parameters " +
                $"at {inputSize} px: students span ratios {(double)teacherParameters / largest:G4} to {(double)teacherParameters / smallest:G4}");
        }
        var multiplyAdds = MultiplyAdds.GetOrAdd(best.Config, config => new Lazy<long>(() => Measure(config, ModelStatistics.CountMultiplyAdds))).Value;
        return new StudentChoice(best.Config, best.Parameters, achieved, multiplyAdds);
    }

    private static IReadOnlyList<(MobileFaceNetConfig, long)> MeasureGrid(int inputSize, int embeddingSize)
    {
        return [.. from depth in Depths
                   from width in Widths
                   let config = new MobileFaceNetConfig(width, depth, inputSize, embeddingSize)
                   select (config, Measure(config, ModelStatistics.CountParameters))];
    }

    private static long Measure(MobileFaceNetConfig config, Func<MobileFaceNet, long> statistic)
    {
        TorchRuntime.Initialise();
        using var model = new MobileFaceNet(config);
        return statistic(model);
    }
}
