using System.CommandLine;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Commands;

/// <summary>
/// facekd sweep logs ID --out DIR: every trial's TensorBoard event file into DIR/{trial}/, so that
/// <c>tensorboard --logdir DIR</c> shows the sweep with a run per trial. The files come through the grid (without a
/// cluster, the embedded silo over .facekd), whose silos reach the artifact store.
/// </summary>
public sealed class SweepLogsCommand(CliContext context, ConnectionOptions connection)
{
    private readonly Argument<string> idArgument = new("id") { Description = "the sweep id (its spec's name)" };

    private readonly Option<DirectoryInfo> outOption = new("--out")
    {
        Description = "the folder to write each trial's event file into, as DIR/TRIAL/events.out.tfevents.* (created if missing)",
        Required = true,
    };

    public Command Build()
    {
        var command = new Command("logs", "fetch every trial's TensorBoard event file, for tensorboard --logdir DIR") { idArgument, outOption };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            var folder = parseResult.GetValue(outOption)!.FullName;
            if (File.Exists(folder))
            {
                throw new BadInputException($"--out: '{folder}' is a file; name a folder (it is created if missing)");
            }
            var id = parseResult.GetValue(idArgument)!;
            List<string> trials;
            List<(string TrialId, TensorBoardFile File)> files;
            await using (var grid = await connection.ConnectForQueryAsync(parseResult, context, cancellationToken))
            {
                await SweepCommands.RequireSweepAsync(grid, id);
                trials = [.. (await grid.Client.GetSweepStatusAsync(id)).Trials.Select(trial => trial.TrialId)];
                files = await EventFilesAsync(grid.Client, id, trials, cancellationToken);
            }
            if (files.Count == 0)
            {
                throw new BadInputException(
                    $"sweep '{id}' has no TensorBoard event files yet: none of its {trials.Count} trials has finished an epoch; 'facekd sweep status {id}' shows where they are");
            }
            foreach (var (trialId, file) in files)
            {
                var trialFolder = Directory.CreateDirectory(Path.Combine(folder, trialId));
                var path = Path.Combine(trialFolder.FullName, file.Name);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
                context.Console.Profile.Out.Writer.WriteLine(path);
            }
            if (trials.Except(files.Select(written => written.TrialId)).ToList() is { Count: > 0 } without)
            {
                context.Messages.MarkupLine($"no event file yet (no epoch finished): {Markup.Escape(string.Join(", ", without))}");
            }
            context.Messages.MarkupLine($"{files.Count} of {trials.Count} trials' event files are in {Markup.Escape(folder)}: view them with [bold]tensorboard --logdir {Markup.Escape(folder)}[/]");
            return ExitCodes.Done;
        }));
        return command;
    }

    /// <summary>The event file of each trial that has one, in the trials' order.</summary>
    private static async Task<List<(string TrialId, TensorBoardFile File)>> EventFilesAsync(
        GridClient grid, string sweepId, IReadOnlyList<string> trials, CancellationToken cancellationToken)
    {
        var files = new List<(string, TensorBoardFile)>();
        foreach (var batch in trials.Chunk(GridClient.TrialBatch))
        {
            var fetched = await Task.WhenAll(batch.Select(trial => grid.GetEventFileAsync(sweepId, trial, cancellationToken)));
            files.AddRange(batch.Zip(fetched).Where(pair => pair.Second is not null).Select(pair => (pair.First, pair.Second!)));
        }
        return files;
    }
}
