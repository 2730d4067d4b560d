// Prints a sweep's best trial per compression ratio: the configuration the grid chose on the validation pairs
// (seeds aggregated), reported on the test pairs; the same choice as `facekd sweep results`.
//   dotnet run --project examples/BestPerRatio -- SWEEP [HOST:PORT] [CLUSTER-ID]
using System.Globalization;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Connection;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;

if (args.Length is < 1 or > 3)
{
    Console.Error.WriteLine("usage: BestPerRatio SWEEP [HOST:PORT] [CLUSTER-ID]");
    return 2;
}
var options = new GridClientOptions
{
    Gateways = [args.Length > 1 ? args[1] : "localhost:30000"],
    ClusterId = args.Length > 2 ? args[2] : GridClientOptions.DefaultClusterId,
};
try
{
    await using var grid = await GridClient.ConnectAsync(options);
    return await PrintBestPerRatioAsync(grid, args[0]);
}
catch (GridConnectException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

static async Task<int> PrintBestPerRatioAsync(GridClient grid, string sweepId)
{
    var results = await grid.GetSweepResultsAsync(sweepId);
    if (results.Status == SweepStatus.Unknown)
    {
        Console.Error.WriteLine($"no sweep '{sweepId}' on this cluster");
        return 2;
    }
    var metric = SpecNames.Metrics.NameOf(results.Metric);
    Console.WriteLine($"sweep {results.SweepId}: {results.Status.ToString().ToLowerInvariant()}, best {metric} per compression ratio");
    Console.WriteLine($"ratio\ttrial\t{metric} (test)\tstd\t{metric} (validation)\tseeds");
    foreach (var best in results.BestPerRatio)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{best.CompressionRatio:G6}\t{best.TrialId}\t{best.Metric:0.0000}\t{best.MetricStd:0.0000}\t{best.SelectionMetric:0.0000}\t{best.Seeds}{(best.StoppedEarly ? "\tstopped early" : "")}"));
    }
    return 0;
}
