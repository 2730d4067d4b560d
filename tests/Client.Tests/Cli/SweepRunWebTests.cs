using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary><c>facekd sweep run --web PORT</c>: the embedded silo's sweep serves its page and JSON API while it runs.</summary>
public sealed class SweepRunWebTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARunWithWebServesItsPageAndApiWhileItRunsAndStopsWithIt()
    {
        var port = CliRun.FreePort();
        using var runner = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(100) });
        var spec = runner.WriteSpec("""
            name: cli-web
            teacher: { kind: train, epochs: 2 }
            search_space: { compression_ratio: [2, 4], epochs: 40 }
            """);
        var run = runner.RunAsync("sweep", "run", spec, "--web", $"{port}");
        await Eventually.HoldsAsync(() => Task.FromResult(runner.Messages), messages => messages.Contains(" t001 epoch 1/40", StringComparison.Ordinal), Patience, "a student's first epoch");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using (var status = JsonDocument.Parse(await http.GetStringAsync("/api/sweeps/cli-web")))
        {
            Assert.Equal("running", status.RootElement.GetProperty("status").GetString());
            Assert.Equal(["teacher", "t000", "t001"], status.RootElement.GetProperty("trials").EnumerateArray().Select(trial => trial.GetProperty("id").GetString()));
        }
        using (var page = await http.GetAsync(new Uri("/sweeps/cli-web", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains($"http://127.0.0.1:{port}/sweeps/cli-web", runner.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Done, await run.WaitAsync(Patience));
        // The page ends with the run that served it.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync("/api/sweeps"));
    }

    [Fact]
    public async Task AWebPortThatCannotBeUsedIsBadInputAndNothingRuns()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        foreach (var (value, named) in new[] { ("70000", "--web: 70000 is not a TCP port"), ($"{port}", $"--web: cannot serve on 127.0.0.1:{port}") })
        {
            using var runner = new CliRun();
            var spec = runner.WriteSpec("""
                name: cli-web-bad
                teacher: { kind: train, epochs: 1 }
                search_space: { compression_ratio: 2, epochs: 1 }
                """);

            Assert.Equal(ExitCodes.BadInput, await runner.RunAsync("sweep", "run", spec, "--web", value));
            Assert.Contains(named, runner.Messages, StringComparison.Ordinal);
            Assert.DoesNotContain("submitted", runner.Messages, StringComparison.Ordinal);
        }
    }
}
