using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Client.Models;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Commands;

/// <summary>
/// facekd trial export SWEEP/TRIAL --out FILE and facekd sweep export SWEEP --out DIR: a trained model out of the grid
/// as ONNX, a PyTorch state dict or safetensors. The final checkpoint comes through the grid
/// (<see cref="ITrialModelGrain"/>), so the same command works against a cluster and against .facekd/.
/// </summary>
public sealed class ExportCommands(CliContext context, ConnectionOptions connection)
{
    private readonly Option<string> formatOption = new Option<string>("--format")
    {
        Description = "onnx (an inference graph; preprocessing in its metadata), pytorch (a state dict for torch.load) or safetensors",
        DefaultValueFactory = _ => ExportFormatNames.NameOf(ExportFormat.Onnx),
    }.AcceptOnlyFromAmong([.. ExportFormatNames.Names]);

    private readonly Option<bool> forceOption = new("--force") { Description = "replace files that exist" };

    private IAnsiConsole Messages => context.Messages;

    /// <summary>The <c>export</c> subcommand of <c>trial</c>.</summary>
    public Command TrialExport()
    {
        var id = new Argument<string>("id") { Description = "the trial as sweep/trial, e.g. quickstart/t003" };
        var output = new Option<FileInfo>("--out") { Description = "the file to write", Required = true };
        var command = new Command("export", "write a finished trial's trained model as ONNX, a PyTorch state dict or safetensors")
        {
            id, output, formatOption, forceOption,
        };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var key = parseResult.GetValue(id)!;
            var (sweepId, trialId) = ParseTrialKey(key);
            var format = FormatOf(parseResult);
            var path = parseResult.GetValue(output)!.FullName;
            var force = parseResult.GetValue(forceOption);
            RequireWritable([path], force);
            await using var grid = await connection.ConnectForQueryAsync(parseResult, context, cancellationToken);
            if (!await ExportAsync(grid, sweepId, trialId, format, path, force, cancellationToken))
            {
                return ExitCodes.Failed;
            }
            context.Console.WriteLine(path);
            return ExitCodes.Done;
        }));
        return command;
    }

    /// <summary>
    /// The <c>export</c> subcommand of <c>sweep</c>: the best configuration per compression ratio, as <c>sweep results</c>
    /// chooses it, a file for each of its seeds' trials.
    /// </summary>
    public Command SweepExport()
    {
        var id = new Argument<string>("id") { Description = "the sweep id" };
        var output = new Option<DirectoryInfo>("--out") { Description = "the folder to write into (created when missing)", Required = true };
        var command = new Command("export", "write the best configuration per compression ratio (chosen on the validation pairs; a file per seed) as ONNX, PyTorch or safetensors files into a folder")
        {
            id, output, formatOption, forceOption,
        };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var sweepId = parseResult.GetValue(id)!;
            var format = FormatOf(parseResult);
            var folder = parseResult.GetValue(output)!.FullName;
            var force = parseResult.GetValue(forceOption);
            if (File.Exists(folder))
            {
                throw new BadInputException($"--out: '{folder}' is a file; name a folder to export into");
            }
            await using var grid = await connection.ConnectForQueryAsync(parseResult, context, cancellationToken);
            var results = await grid.Client.GetSweepResultsAsync(sweepId);
            if (results.Status == SweepStatus.Unknown)
            {
                throw new BadInputException($"no sweep '{sweepId}' was submitted to this cluster, or run without one from this folder; 'facekd sweep list' shows those that were");
            }
            if (results.BestPerRatio.Count == 0)
            {
                throw new BadInputException($"sweep '{sweepId}' has no student trial with results yet: nothing to export; 'facekd sweep status {sweepId}' shows where its trials stand");
            }
            var targets = results.BestPerRatio
                .SelectMany(best => SeedTrialsOf(results, best)
                    .Select(trialId => (TrialId: trialId, Path: Path.Combine(folder, FileNameOf(sweepId, best.CompressionRatio, trialId, format)))))
                .ToList();
            RequireWritable([.. targets.Select(target => target.Path)], force);
            foreach (var (trialId, path) in targets)
            {
                if (!await ExportAsync(grid, sweepId, trialId, format, path, force, cancellationToken))
                {
                    return ExitCodes.Failed;
                }
                context.Console.WriteLine(path);
            }
            return ExitCodes.Done;
        }));
        return command;
    }

    /// <summary>e.g. "quickstart-ratio8-t002.onnx".</summary>
    public static string FileNameOf(string sweepId, double compressionRatio, string trialId, ExportFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"{sweepId}-ratio{compressionRatio:G4}-{trialId}{ExportFormatNames.ExtensionOf(format)}");

    /// <summary>Every seed's trial of the configuration chosen for a ratio: each is a model of its own.</summary>
    private static IReadOnlyList<string> SeedTrialsOf(SweepResults results, RatioBest best) =>
        results.Groups.Single(group => group.GroupId == best.TrialId).TrialIds;

    /// <summary>Writes one trial's model; false (with the reason on standard error) when its checkpoint is missing, damaged or not a network.</summary>
    private async Task<bool> ExportAsync(GridConnection grid, string sweepId, string trialId, ExportFormat format, string path, bool force, CancellationToken cancellationToken)
    {
        var key = TrialKeys.Of(sweepId, trialId);
        FaceEmbedder network;
        try
        {
            var checkpoint = await FinishedTrialCheckpoint.ReadAsync(grid.Client, sweepId, trialId, cancellationToken);
            TorchRuntime.Initialise();
            network = TrainedNetwork.FromCheckpoint(checkpoint);
        }
        catch (InvalidDataException error)
        {
            Messages.MarkupLine($"[red]error:[/] trial '{Markup.Escape(key)}' cannot be exported: {Markup.Escape(error.Message)}");
            return false;
        }
        using (network)
        {
            ModelExport.Write(network, format, path, force);
            Messages.MarkupLine($"exported [bold]{Markup.Escape(key)}[/] ({Markup.Escape(ModelFactory.SpecOf(network))}) as {ExportFormatNames.NameOf(format)}");
        }
        return true;
    }

    /// <summary>The option accepts only the formats' names, so parsing it cannot fail.</summary>
    private ExportFormat FormatOf(ParseResult parseResult) => ExportFormatNames.Parse(parseResult.GetValue(formatOption)!);

    private static (string SweepId, string TrialId) ParseTrialKey(string key)
    {
        try
        {
            return TrialKeys.Parse(key);
        }
        catch (ArgumentException)
        {
            throw new BadInputException($"trial id '{key}' must be sweep/trial, e.g. quickstart/t003");
        }
    }

    /// <summary>Refuses before anything is fetched or written when a target exists and --force was not given.</summary>
    private static void RequireWritable(IReadOnlyList<string> paths, bool force)
    {
        if (paths.FirstOrDefault(Directory.Exists) is { } folder)
        {
            throw new BadInputException($"--out: '{folder}' is a folder; name the file to write");
        }
        if (!force && paths.Where(File.Exists).ToList() is { Count: > 0 } existing)
        {
            throw new BadInputException($"--out: {string.Join(", ", existing.Select(path => $"'{path}'"))} exists; pass --force to replace it");
        }
    }
}
