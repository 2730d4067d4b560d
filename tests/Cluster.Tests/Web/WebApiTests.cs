using System.Net;
using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Sweeps;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests.Web;

/// <summary>The silo's JSON API against the facekd CLI's --format json, on a silo process that ran a real tiny sweep.</summary>
[Trait("Category", "Cluster")]
public sealed class WebApiTests(ITestOutputHelper output)
{
    private const string SweepId = "web-api";

    [Fact]
    public async Task TheApiAnswersTheDocumentsTheCliPrintsForAFinishedSweep()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>());
        var silo = await cluster.StartSiloAsync("papa");
        var client = await cluster.ConnectAsync(silo);
        var coordinator = client.Grains.GetGrain<ISweepCoordinatorGrain>(SweepId);
        Assert.True((await coordinator.SubmitAsync(TinySweep.Spec(SweepId, students: 1, maxConcurrent: 1))).Accepted);
        Assert.Equal(SweepStatus.Completed, (await ProcessCluster.WaitForSweepAsync(coordinator, TimeSpan.FromMinutes(4))).Status);
        using var web = new SiloWeb(silo);

        // The same document, byte for byte, as the CLI prints: the API and the CLI share their views.
        foreach (var (path, args) in new (string, string[])[]
        {
            ($"/api/sweeps/{SweepId}/results", ["sweep", "results", SweepId, "--format", "json"]),
            ($"/api/sweeps/{SweepId}", ["sweep", "status", SweepId, "--format", "json"]),
            ($"/api/sweeps/{SweepId}/trials/t000", ["trial", "show", $"{SweepId}/t000", "--format", "json"]),
            ("/api/sweeps", ["sweep", "list", "--format", "json"]),
        })
        {
            var (status, body, headers) = await web.GetAsync(path);
            var cli = await FacekdRun.QueryAsync(cluster, silo, args);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(ExitCodes.Done, cli.ExitCode);
            Assert.Equal(cli.Output.TrimEnd(), body);
            Assert.True(headers.CacheControl?.NoStore, $"{path} may be cached");
        }

        // Real numbers: a trained student with a measured accuracy and an epoch curve of every epoch.
        var (_, results, _) = await web.GetAsync($"/api/sweeps/{SweepId}/results");
        using (var document = JsonDocument.Parse(results))
        {
            var trial = Assert.Single(document.RootElement.GetProperty("trials").EnumerateArray());
            Assert.Equal("completed", trial.GetProperty("status").GetString());
            Assert.InRange(trial.GetProperty("accuracy").GetDouble(), 0.01, 1.0);
            Assert.Equal("t000", Assert.Single(document.RootElement.GetProperty("pareto").EnumerateArray()).GetProperty("trialId").GetString());
        }
        var (_, trialBody, _) = await web.GetAsync($"/api/sweeps/{SweepId}/trials/t000");
        using (var document = JsonDocument.Parse(trialBody))
        {
            Assert.Equal(TinySweep.Epochs, document.RootElement.GetProperty("epochs").GetArrayLength());
        }
        var (clusterStatus, clusterBody, _) = await web.GetAsync("/api/cluster");
        Assert.Equal(HttpStatusCode.OK, clusterStatus);
        using (var document = JsonDocument.Parse(clusterBody))
        {
            Assert.Equal("papa", Assert.Single(document.RootElement.GetProperty("silos").EnumerateArray()).GetProperty("name").GetString());
            Assert.Equal(silo.Worker, Assert.Single(document.RootElement.GetProperty("workers").EnumerateArray()).GetProperty("id").GetString());
        }

        // What is not there is named.
        foreach (var (path, named) in new[]
        {
            ("/api/sweeps/no-such-sweep", "no sweep 'no-such-sweep'"),
            ("/api/sweeps/no-such-sweep/results", "no sweep 'no-such-sweep'"),
            ($"/api/sweeps/{SweepId}/trials/t999", $"no trial '{SweepId}/t999'"),
            ("/api/no-such-thing", "no API path '/api/no-such-thing'"),
        })
        {
            var (status, body, _) = await web.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains(named, SiloWeb.Error(body), StringComparison.Ordinal);
        }
    }
}
