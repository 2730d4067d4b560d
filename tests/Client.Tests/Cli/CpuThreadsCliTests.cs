using FaceKdGrid.Client.Cli;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.GridTestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>--cpu-threads pins torch's CPU threads of an embedded run, which a seed's numbers depend on.</summary>
public sealed class CpuThreadsCliTests
{
    private const string Spec = """
        name: cli-threads
        teacher: { kind: train, epochs: 2 }
        search_space: { compression_ratio: [2], epochs: 1 }
        """;

    [Fact]
    public async Task TheCountReachesTheEmbeddedSilosTrainingSettings()
    {
        using var cli = new CliRun();
        int? pinned = null;
        var app = new FacekdApp(cli.Context with
        {
            ConfigureEmbeddedSilo = silo => silo.Services.AddSingleton<ITrialExecutor>(services =>
            {
                pinned = services.GetRequiredService<IOptions<TrainingOptions>>().Value.CpuThreads;
                return new FakeTrialExecutor();
            }),
        });

        var exitCode = await app.RunAsync(["sweep", "run", cli.WriteSpec(Spec), "--cpu-threads", "3"]);

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Equal(3, pinned);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    public async Task ACountThatIsNotAPositiveWholeNumberIsRefusedBeforeAnySiloStarts(string threads)
    {
        using var cli = new CliRun();

        var exitCode = await cli.RunAsync("sweep", "run", cli.WriteSpec(Spec), "--cpu-threads", threads);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"error: --cpu-threads: '{threads}' is not a number of threads (a whole number, at least 1)", cli.Messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.Context.StateRoot), "no embedded silo was started");
    }

    [Fact]
    public async Task OnAClusterTheOptionIsRefusedForItsSilosSetTheirOwn()
    {
        using var cli = new CliRun();

        var exitCode = await cli.RunAsync("sweep", "run", cli.WriteSpec(Spec), "--cpu-threads", "2", "--gateway", $"127.0.0.1:{CliRun.FreePort()}");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("error: --cpu-threads applies to a run on the embedded silo; a cluster's silos set their own (Training:CpuThreads)", cli.Messages, StringComparison.Ordinal);
    }
}
