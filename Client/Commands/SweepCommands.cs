using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Client.Output;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Silo.Configuration;
using FaceKdGrid.Silo.Web;
using Microsoft.AspNetCore.Builder;
using Spectre.Console;

namespace FaceKdGrid.Client.Commands;

/// <summary>facekd sweep run|submit|watch|status|results|list|cancel (and logs, <see cref="SweepLogsCommand"/>; retry and extend, <see cref="SweepChangeCommands"/>).</summary>
public sealed class SweepCommands(CliContext context, ConnectionOptions connection)
{
    private readonly Argument<FileInfo> specArgument = new("spec") { Description = "the sweep spec (YAML)" };
    private readonly Argument<string> idArgument = new("id") { Description = "the sweep id (its spec's name)" };
    private readonly Option<string> formatOption = new Option<string>("--format")
    {
        Description = "results as table, csv, json or md",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "csv", "json", "md");

    private readonly Option<FileInfo?> plotOption = new("--plot") { Description = "also save accuracy vs. compression ratio as this PNG" };

    private readonly Option<FileInfo?> epochsOption = new("--epochs")
    {
        Description = $"also export every trial's epoch curve to this file, CSV or JSON by its extension ({EpochCurvesFile.Extensions})",
    };

    private readonly Option<int?> webOption = new("--web")
    {
        Description = "also serve the sweep's live page and the JSON API on http://127.0.0.1:PORT while it runs (/sweeps/NAME)",
    };

    private readonly QueryFormatOption queryFormat = new();

    private readonly CpuThreadsOption cpuThreads = new();

    private IAnsiConsole Console => context.Console;

    private IAnsiConsole Messages => context.Messages;

    public Command Build()
    {
        var sweep = new Command("sweep", "submit, follow and query sweeps");
        sweep.Subcommands.Add(Run());
        sweep.Subcommands.Add(Submit());
        sweep.Subcommands.Add(WithId("watch", "follow a sweep's progress until it ends", connection.ConnectAsync, WatchAsync));
        sweep.Subcommands.Add(WithId("status", "a sweep's status and its trials", QueryAsync, StatusAsync, queryFormat.Option));
        sweep.Subcommands.Add(Results());
        sweep.Subcommands.Add(List());
        sweep.Subcommands.Add(new ExportCommands(context, connection).SweepExport());
        sweep.Subcommands.Add(WithId("cancel", "cancel a sweep: pending trials are dropped, running ones stopped", connection.ConnectAsync, CancelAsync));
        sweep.Subcommands.Add(new SweepLogsCommand(context, connection).Build());
        foreach (var command in new SweepChangeCommands(this).Build())
        {
            sweep.Subcommands.Add(command);
        }
        return sweep;
    }

    private Command Run()
    {
        var command = new Command("run", "run a sweep and print its results (starts an embedded silo when no cluster is configured)")
        {
            specArgument, formatOption, plotOption, epochsOption, webOption, cpuThreads.Option,
        };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var spec = SpecFile.Load(parseResult.GetValue(specArgument)!);
            RequireEpochsFormat(parseResult);
            var gateway = connection.ConfiguredGateway(parseResult);
            var webPort = WebPort(parseResult);
            var threads = cpuThreads.Value(parseResult, onCluster: gateway is not null);
            await using var grid = gateway is null
                ? await GridConnection.StartEmbeddedAsync(context, startsTrials: true, cancellationToken, threads)
                : await connection.ConnectAsync(parseResult, cancellationToken);
            await using var web = webPort is { } port ? await StartWebAsync(grid, port, spec.Name, cancellationToken) : null;
            if (await SubmitAsync(grid, spec) == SubmitOutcome.AlreadySubmitted && gateway is null)
            {
                Messages.MarkupLine($"It resumes from {Markup.Escape(context.StateRoot)}: finished trials and epochs are kept " +
                    $"(delete {Markup.Escape(context.StateRoot)} or rename the sweep to start over).");
            }
            return await FollowAndReportAsync(grid, spec.Name, parseResult, cancellationToken);
        }));
        return command;
    }

    /// <summary>
    /// A command that changes a submitted sweep, on the cluster or (without one) on the embedded silo over the state
    /// root, then follows it and prints its results as <c>sweep run</c> does. A change the sweep refuses is bad input.
    /// </summary>
    internal Command Changing(string name, string description, Func<GridClient, string, ParseResult, Task<SweepChange>> change, Func<string, SweepChange, string> describe, params Option[] options)
    {
        var command = new Command(name, description) { idArgument, formatOption, plotOption, epochsOption, cpuThreads.Option };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            RequireEpochsFormat(parseResult);
            var id = parseResult.GetValue(idArgument)!;
            var onCluster = connection.ConfiguredGateway(parseResult) is not null;
            var threads = cpuThreads.Value(parseResult, onCluster);
            await using var grid = !onCluster
                ? await GridConnection.StartEmbeddedAsync(context, startsTrials: true, cancellationToken, threads)
                : await connection.ConnectAsync(parseResult, cancellationToken);
            await RequireSweepAsync(grid, id);
            var changed = await change(grid.Client, id, parseResult);
            if (changed.Refusal is { } refusal)
            {
                throw new BadInputException(refusal);
            }
            Messages.MarkupLine(Markup.Escape(describe(id, changed)));
            return await FollowAndReportAsync(grid, id, parseResult, cancellationToken);
        }));
        return command;
    }

    private Command Submit()
    {
        var command = new Command("submit", "submit a sweep to the cluster and return") { specArgument };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var spec = SpecFile.Load(parseResult.GetValue(specArgument)!);
            await using var grid = await connection.ConnectAsync(parseResult, cancellationToken);
            await SubmitAsync(grid, spec);
            Messages.MarkupLine($"Follow it with [bold]facekd sweep watch {Markup.Escape(spec.Name)}[/].");
            return ExitCodes.Done;
        }));
        return command;
    }

    private Command Results()
    {
        var command = new Command("results", "a sweep's results table, best per ratio and Pareto front") { idArgument, formatOption, plotOption, epochsOption };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            RequireEpochsFormat(parseResult);
            await using var grid = await QueryAsync(parseResult, cancellationToken);
            var id = parseResult.GetValue(idArgument)!;
            await RequireSweepAsync(grid, id);
            return await ReportAsync(grid, id, parseResult);
        }));
        return command;
    }

    private Command List()
    {
        var command = new Command("list", "every sweep submitted to the cluster") { queryFormat.Option };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            await using var grid = await QueryAsync(parseResult, cancellationToken);
            var sweeps = await grid.Client.ListSweepsAsync();
            if (queryFormat.IsJson(parseResult))
            {
                Console.Profile.Out.Writer.WriteLine(SweepListJson.Serialize(sweeps));
                return ExitCodes.Done;
            }
            var table = new Table().AddColumns("sweep", "status", "trials", "completed", "running", "failed", "submitted");
            foreach (var status in sweeps)
            {
                table.AddRow(
                    Markup.Escape(status.SweepId),
                    ResultRow.StatusName(status.Status),
                    status.TrialCount.ToString(CultureInfo.InvariantCulture),
                    (status.Count(TrialStatus.Completed) + status.Count(TrialStatus.Stopped)).ToString(CultureInfo.InvariantCulture),
                    status.Count(TrialStatus.Running).ToString(CultureInfo.InvariantCulture),
                    status.Count(TrialStatus.Failed).ToString(CultureInfo.InvariantCulture),
                    status.SubmittedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "");
            }
            Console.Write(table);
            return ExitCodes.Done;
        }));
        return command;
    }

    private Command WithId(
        string name,
        string description,
        Func<ParseResult, CancellationToken, Task<GridConnection>> connect,
        Func<GridConnection, string, ParseResult, CancellationToken, Task<int>> body,
        params Option[] options)
    {
        var command = new Command(name, description) { idArgument };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            await using var grid = await connect(parseResult, cancellationToken);
            var id = parseResult.GetValue(idArgument)!;
            await RequireSweepAsync(grid, id);
            return await body(grid, id, parseResult, cancellationToken);
        }));
        return command;
    }

    private Task<GridConnection> QueryAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        connection.ConnectForQueryAsync(parseResult, context, cancellationToken);

    private async Task<int> WatchAsync(GridConnection grid, string id, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await SweepProgressView.FollowAsync(grid.Client, id, Messages, context.SweepSummaryInterval, cancellationToken);
        var status = await grid.Client.GetSweepStatusAsync(id);
        Console.MarkupLine($"sweep {Markup.Escape(id)}: {ResultRow.StatusName(status.Status)}");
        return ExitCodeOf(status.Status);
    }

    private async Task<int> StatusAsync(GridConnection grid, string id, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var status = await grid.Client.GetSweepStatusAsync(id);
        if (queryFormat.IsJson(parseResult))
        {
            Console.Profile.Out.Writer.WriteLine(SweepStatusJson.Serialize(status));
            return ExitCodes.Done;
        }
        var table = new Table()
            .Title($"sweep {Markup.Escape(id)}: {ResultRow.StatusName(status.Status)}")
            .AddColumns("trial", "status", "epochs", "last metric", "attempts", "worker", "reason");
        foreach (var trial in status.Trials)
        {
            table.AddRow(
                new Text(trial.TrialId),
                new Text(ResultRow.StatusName(trial.Status)),
                new Text(trial.Epochs.ToString(CultureInfo.InvariantCulture)),
                new Text(trial.LastMetric?.ToString("0.0000", CultureInfo.InvariantCulture) ?? ""),
                new Text(trial.Lifecycle.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(trial.Lifecycle.Worker ?? ""),
                new Text(trial.Lifecycle.Reason ?? ""));
        }
        Console.Write(table);
        return ExitCodes.Done;
    }

    private async Task<int> CancelAsync(GridConnection grid, string id, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var before = (await grid.Client.GetSweepSummaryAsync(id)).Status;
        await grid.Client.CancelAsync(id);
        // Not asked again after the cancel: the sweep's end may stop the silo that answered (an embedded one ends with
        // its sweep), and only a running sweep is changed by a cancel.
        var after = before == SweepStatus.Running ? SweepStatus.Cancelled : before;
        Console.MarkupLine($"sweep {Markup.Escape(id)}: {ResultRow.StatusName(after)}");
        return ExitCodes.Done;
    }

    // Checked before any work, like the other options: a port that cannot be one is bad input.
    private int? WebPort(ParseResult parseResult)
    {
        try
        {
            return parseResult.GetValue(webOption) is { } port ? SettingsReader.Port(port, webOption.Name) : null;
        }
        catch (ArgumentException error)
        {
            throw new BadInputException(error.Message);
        }
    }

    /// <summary>The sweep pages and API over this connection; a port taken by another program is bad input.</summary>
    private async Task<WebApplication> StartWebAsync(GridConnection grid, int port, string sweepId, CancellationToken cancellationToken)
    {
        WebApplication web;
        try
        {
            web = await SweepWebHost.StartAsync(grid.Grains, port, cancellationToken);
        }
        catch (IOException error)
        {
            throw new BadInputException($"--web: cannot serve on 127.0.0.1:{port} ({error.Message}); choose another port");
        }
        Messages.MarkupLine($"Follow it at [bold]http://127.0.0.1:{port}{SweepPages.Prefix}/{Markup.Escape(sweepId)}[/] while it runs.");
        return web;
    }

    private async Task<SubmitOutcome> SubmitAsync(GridConnection grid, Grains.Specs.SweepSpec spec)
    {
        var submitted = await grid.Client.SubmitAsync(spec);
        if (!submitted.Accepted)
        {
            throw new BadInputException(SpecFile.Describe($"sweep '{spec.Name}'", submitted.Errors));
        }
        var verb = submitted.Outcome == SubmitOutcome.Created ? "submitted" : "was already submitted with this spec";
        Messages.MarkupLine($"sweep [bold]{Markup.Escape(spec.Name)}[/] {verb}: {submitted.TrialCount} trials");
        if (submitted.Outcome == SubmitOutcome.AlreadySubmitted)
        {
            // Submitting it again runs nothing that ended: its failed and cancelled trials stay so until retried.
            var summary = await grid.Client.GetSweepSummaryAsync(spec.Name);
            if (summary.Count(TrialStatus.Failed) + summary.Count(TrialStatus.Cancelled) > 0)
            {
                Messages.MarkupLine(RetryHint(spec.Name));
            }
        }
        return submitted.Outcome;
    }

    private async Task<int> FollowAndReportAsync(GridConnection grid, string id, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await SweepProgressView.FollowAsync(grid.Client, id, Messages, context.SweepSummaryInterval, cancellationToken);
        return await ReportAsync(grid, id, parseResult);
    }

    private async Task<int> ReportAsync(GridConnection grid, string id, ParseResult parseResult)
    {
        var results = await grid.Client.GetSweepResultsAsync(id);
        var format = Enum.Parse<ResultsFormat>(parseResult.GetValue(formatOption)!, ignoreCase: true);
        ResultsWriter.Write(results, format, Console);
        if (parseResult.GetValue(plotOption) is { } plot)
        {
            ResultsPlot.Save(results, plot.FullName);
            Messages.MarkupLine($"plot saved to {Markup.Escape(plot.FullName)}");
        }
        if (parseResult.GetValue(epochsOption) is { } epochs)
        {
            EpochCurvesFile.Write(epochs.FullName, id, await grid.Client.GetTrialsAsync(id));
            Messages.MarkupLine($"epoch curves saved to {Markup.Escape(epochs.FullName)}");
        }
        foreach (var failed in results.Trials.Where(trial => trial.Status == TrialStatus.Failed))
        {
            Messages.MarkupLine($"[red]{Markup.Escape(failed.TrialId)} failed[/] after {failed.Lifecycle.Attempts} attempts: {Markup.Escape(failed.Lifecycle.Reason ?? "")}");
        }
        if (results.Status != SweepStatus.Running && results.Trials.Append(results.TeacherTrial).Any(trial => trial?.Status is TrialStatus.Failed or TrialStatus.Cancelled))
        {
            Messages.MarkupLine(RetryHint(id));
        }
        return ExitCodeOf(results.Status);
    }

    // Checked before any work: a sweep of hours should not end on an export it cannot make.
    private void RequireEpochsFormat(ParseResult parseResult)
    {
        if (parseResult.GetValue(epochsOption) is { } file && !EpochCurvesFile.Supports(file.Name))
        {
            throw new BadInputException($"--epochs: '{file.Name}' must end in {EpochCurvesFile.Extensions}");
        }
    }

    internal static async Task RequireSweepAsync(GridConnection grid, string id)
    {
        if ((await grid.Client.GetSweepSummaryAsync(id)).Status == SweepStatus.Unknown)
        {
            throw new BadInputException($"no sweep '{id}' was submitted to this cluster, or run without one from this folder; 'facekd sweep list' shows those that were");
        }
    }

    private static string RetryHint(string id) =>
        $"Its failed and cancelled trials stay so; run them again with [bold]facekd sweep retry {Markup.Escape(id)}[/].";

    private static int ExitCodeOf(SweepStatus status) => status switch
    {
        SweepStatus.Completed or SweepStatus.Running => ExitCodes.Done,
        _ => ExitCodes.Failed,
    };
}
