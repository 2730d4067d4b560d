using System.CommandLine;
using FaceKdGrid.Client.Cli;
using Spectre.Console;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>Bad input stops facekd before anything is submitted: exit code 2 and a message naming the field.</summary>
public sealed class BadSpecCliTests
{
    private const string Valid = "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }\n";

    [Theory]
    [InlineData("missing teacher", "name: x\nsearch_space: { compression_ratio: 4 }", "teacher: is required")]
    [InlineData("unknown field", Valid + "max_concurent: 2", "max_concurent: unknown field 'max_concurent'; did you mean 'max_concurrent'?")]
    [InlineData("negative ratio", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: -4 }", "search_space.compression_ratio: -4 must be greater than 1")]
    [InlineData("empty search space", "name: x\nteacher: { kind: dlib }\nsearch_space: {}", "search_space: is empty")]
    [InlineData("bad yaml", "name: x\n  teacher: dlib\n bad: [1", "yaml: line")]
    [InlineData("unknown search key", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, lr_decay: 0.1 }", "search_space.lr_decay: unknown field")]
    [InlineData("wrong type", Valid + "num_samples: many", "num_samples: 'many' is not an integer")]
    [InlineData("bad scheduler", Valid + "scheduler: { kind: asha, grace_period: 0 }", "scheduler.grace_period: 0 must be at least 1")]
    [InlineData("bad device", Valid + "device: tpu", "device: 'tpu' is not one of cpu, cuda, auto")]
    [InlineData("checkpoint without path", "name: x\nteacher: { kind: checkpoint }\nsearch_space: { compression_ratio: 4 }", "teacher.path: is required")]
    [InlineData("empty grid", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: { grid: [] } }", "search_space.compression_ratio: grid has no values")]
    [InlineData("batch the engine refuses", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, batch_size: 1 }", "search_space.batch_size: 1 must be at least 2")]
    [InlineData("crop size the engine refuses", "name: x\nteacher: { kind: dlib }\ndata: { synthface: { image_size: 40 } }\nsearch_space: { compression_ratio: 4 }",
        "data.synthface.image_size: refused by the engine: InputSize must be a multiple of 16 and at least 32")]
    [InlineData("unknown SynthFace difficulty", "name: x\nteacher: { kind: dlib }\ndata: { synthface: { difficulty: medium } }\nsearch_space: { compression_ratio: 4 }",
        "data.synthface.difficulty: refused by the engine: unknown SynthFace difficulty 'medium'; use easy, standard or hard")]
    [InlineData("teacher the engine refuses", "name: x\nteacher: { kind: train, model: 'iresnet:layers=1-1' }\nsearch_space: { compression_ratio: 4 }", "teacher.model: refused by the engine")]
    [InlineData("FAR the pairs cannot support", Valid + "evaluation: { far: 0.001 }",
        "evaluation.far: refused by the engine: FAR = 1e-3 needs at least 10000 mismatched pairs (to allow 10 false accepts); these 500 mismatched pairs support FAR >= 2e-2")]
    [InlineData("folds that would share identities", Valid + "evaluation: { synthface: { identities: 10, folds: 10 } }", "evaluation.synthface.identities: 10 must be at least 2 per fold (20)")]
    [InlineData("logit scale not positive", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss: indirect, loss.scale: 0 }", "search_space.loss.scale: 0 must be greater than 0")]
    [InlineData("bad name", "name: my sweep\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }", "name: 'my sweep' must be")]
    public async Task SweepRunRejectsTheSpecNamingTheField(string kind, string yaml, string expected)
    {
        using var cli = new CliRun();

        var exitCode = await cli.RunAsync("sweep", "run", cli.WriteSpec(yaml));

        Assert.True(exitCode == ExitCodes.BadInput, $"{kind}: exit code {exitCode}; output: {cli.Messages}");
        Assert.Contains(expected, Flatten(cli.Messages), StringComparison.Ordinal);
        Assert.Contains("nothing was submitted", Flatten(cli.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepSubmitRejectsABadSpecBeforeLookingForACluster()
    {
        using var cli = new CliRun();

        var exitCode = await cli.RunAsync("sweep", "submit", cli.WriteSpec("name: x\nteacher: { kind: dlib }\nsearch_space: {}"), "--gateway", "127.0.0.1:1");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("search_space: is empty", Flatten(cli.Messages), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing spec file", new[] { "sweep", "run", "/nonexistent/spec.yaml" }, "does not exist")]
    [InlineData("unknown format", new[] { "sweep", "results", "x", "--format", "xml" }, "xml")]
    [InlineData("unknown command", new[] { "sweep", "explode" }, "explode")]
    [InlineData("missing argument", new[] { "sweep", "run" }, "Required argument missing")]
    [InlineData("malformed gateway", new[] { "sweep", "status", "x", "--gateway", "nowhere" }, "--gateway: 'nowhere' is not HOST:PORT")]
    [InlineData("gateway host that does not resolve", new[] { "sweep", "status", "x", "--gateway", "no-such-host.invalid:30000" }, "--gateway: host 'no-such-host.invalid' cannot be resolved")]
    [InlineData("malformed trial id", new[] { "trial", "show", "t003" }, "must be sweep/trial")]
    public async Task BadArgumentsExitWithTwo(string kind, string[] args, string expected)
    {
        using var cli = new CliRun();

        var exitCode = await cli.RunAsync(args);

        Assert.True(exitCode == ExitCodes.BadInput, $"{kind}: exit code {exitCode}; output: {cli.Messages}");
        Assert.Contains(expected, Flatten(cli.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClusterThatCannotBeReachedIsNamedByItsIdAndTheVariableThatSetsIt()
    {
        using var cli = new CliRun();

        var exitCode = await cli.RunAsync("sweep", "list", "--gateway", "127.0.0.1:1", "--cluster-id", "lab-7");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        var message = Flatten(cli.Messages);
        Assert.Contains("cannot reach a FaceKdGrid cluster with id 'lab-7' at 127.0.0.1:1", message, StringComparison.Ordinal);
        Assert.Contains("FACEKD_Cluster__ClusterId", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheClientReadsTheClusterAndServiceIdsFromTheSilosVariables()
    {
        Assert.Equal("FACEKD_Cluster__ClusterId", ConnectionOptions.ClusterIdVariable);
        Assert.Equal("FACEKD_Cluster__ServiceId", ConnectionOptions.ServiceIdVariable);
        var options = new ConnectionOptions(AnsiConsole.Console);
        var command = new RootCommand();
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }
        Environment.SetEnvironmentVariable(ConnectionOptions.ClusterIdVariable, "from-the-silos-environment");
        try
        {
            var parsed = command.Parse([]);
            Assert.Equal("from-the-silos-environment", parsed.GetValue(options.ClusterId));
            Assert.Equal("flag-wins", command.Parse(["--cluster-id", "flag-wins"]).GetValue(options.ClusterId));
            Assert.Equal("facekd", parsed.GetValue(options.ServiceId));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionOptions.ClusterIdVariable, null);
        }
    }

    // Spectre wraps long lines at the console width; the message is checked as one line.
    private static string Flatten(string output) => string.Join(" ", output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
