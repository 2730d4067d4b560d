namespace FaceKdGrid.Grains.Sweeps;

/// <summary>A metric over a group of trials (the seeds of one configuration): mean, sample standard deviation, count.</summary>
[GenerateSerializer, Immutable, Alias("fkd.MetricSummary")]
public sealed record MetricSummary
{
    [Id(0)] public double Mean { get; init; }

    /// <summary>Sample standard deviation (n − 1); 0 for a single value, which a table must not read as "no spread".</summary>
    [Id(1)] public double Std { get; init; }

    [Id(2)] public int Count { get; init; }

    public static MetricSummary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new MetricSummary { Mean = double.NaN, Std = double.NaN };
        }
        var mean = values.Average();
        var std = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
        return new MetricSummary { Mean = mean, Std = std, Count = values.Count };
    }
}
