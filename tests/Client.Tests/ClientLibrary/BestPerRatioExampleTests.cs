using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Client.Tests.Cli;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.ClientLibrary;

/// <summary>
/// examples/BestPerRatio, run as its own process against a silo's gateway, prints the same best trial per ratio as
/// <c>facekd sweep results --format json</c> of the same sweep.
/// </summary>
public sealed class BestPerRatioExampleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheExamplePrintsTheBestTrialPerRatioThatSweepResultsReports()
    {
        using var cli = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(10) });
        // Two configurations per ratio, two seeds each: the best is a choice, made on the validation pairs across seeds.
        var spec = cli.WriteSpec("""
            name: best-example
            teacher: { kind: train, epochs: 1 }
            search_space: { compression_ratio: [2, 4], aug.strength: [0.1, 0.5], seed: { grid: [0, 1] }, epochs: 2 }
            """);
        Assert.True(await cli.RunAsync("sweep", "run", spec) == ExitCodes.Done, cli.Messages);

        // The finished sweep, served from its state root by a silo whose gateway the example and the CLI both use.
        var port = CliRun.FreePort();
        var settings = new Dictionary<string, string?>(cli.Context.EmbeddedSettings) { ["Cluster:GatewayPort"] = port.ToString(CultureInfo.InvariantCulture) };
        await using var silo = await GridConnection.StartEmbeddedAsync(cli.Context with { EmbeddedSettings = settings }, startsTrials: false, CancellationToken.None);
        var gateway = $"127.0.0.1:{port}";

        using var results = new CliRun();
        Assert.True(await results.RunAsync("sweep", "results", "best-example", "--format", "json", "--gateway", gateway) == ExitCodes.Done, results.Messages);
        using var json = JsonDocument.Parse(results.Output);
        var expected = json.RootElement.GetProperty("bestPerRatio").EnumerateArray().Select(best => string.Join('\t',
            best.GetProperty("compressionRatio").GetDouble().ToString("G6", CultureInfo.InvariantCulture),
            best.GetProperty("trialId").GetString(),
            Fixed(best.GetProperty("metric")),
            Fixed(best.GetProperty("metricStd")),
            Fixed(best.GetProperty("selectionMetric")),
            best.GetProperty("seeds").GetInt32().ToString(CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, expected.Count);

        var (exitCode, output, errors) = await RunExampleAsync("best-example", gateway);
        Assert.True(exitCode == 0, $"the example exited {exitCode}: {errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("sweep best-example: completed, best accuracy per compression ratio", lines[0]);
        Assert.Equal(expected, lines.Skip(2));

        var (unknownExit, _, unknownErrors) = await RunExampleAsync("never-run", gateway);
        Assert.Equal(2, unknownExit);
        Assert.Contains("no sweep 'never-run'", unknownErrors, StringComparison.Ordinal);
    }

    private static string Fixed(JsonElement number) => number.GetDouble().ToString("0.0000", CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Output, string Errors)> RunExampleAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BuiltProject.File(Path.Combine("examples", "BestPerRatio"), "BestPerRatio.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the example did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await errors);
    }
}
