using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Output;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Commands;

/// <summary>facekd trial show SWEEP/TRIAL (and trial export, <see cref="ExportCommands"/>).</summary>
public sealed class TrialCommands(CliContext context, ConnectionOptions connection)
{
    private readonly Argument<string> idArgument = new("id") { Description = "the trial as sweep/trial, e.g. quickstart/t003" };

    private readonly QueryFormatOption format = new();

    public Command Build()
    {
        var show = new Command("show", "one trial: parameters, status, attempts, epoch curve, checkpoint and final metrics") { idArgument, format.Option };
        show.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            var key = parseResult.GetValue(idArgument)!;
            if (!key.Contains('/', StringComparison.Ordinal))
            {
                throw new BadInputException($"trial id '{key}' must be sweep/trial, e.g. quickstart/t003");
            }
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var sweepId = key[..slash];
            await using var grid = await connection.ConnectForQueryAsync(parseResult, context, cancellationToken);
            var trial = await grid.Client.GetTrialAsync(sweepId, key[(slash + 1)..]);
            if (!trial.Exists)
            {
                throw new BadInputException($"no trial '{key}'; 'facekd sweep status {sweepId}' lists a sweep's trials");
            }
            if (format.IsJson(parseResult))
            {
                context.Console.Profile.Out.Writer.WriteLine(TrialJson.Serialize(trial));
            }
            else
            {
                Write(trial, context.Console);
            }
            return ExitCodes.Done;
        }));
        var trial = new Command("trial", "query trials and export their models");
        trial.Subcommands.Add(show);
        trial.Subcommands.Add(new ExportCommands(context, connection).TrialExport());
        return trial;
    }

    private static void Write(TrialSnapshot trial, IAnsiConsole console)
    {
        var facts = new Table().HideHeaders().AddColumns("field", "value").Title($"trial {Markup.Escape(trial.SweepId)}/{Markup.Escape(trial.TrialId)}");
        void Fact(string name, string? value) => facts.AddRow(new Text(name), new Text(value ?? ""));
        Fact("kind", trial.Kind.ToString().ToLowerInvariant());
        Fact("status", ResultRow.StatusName(trial.Status));
        Fact("reason", trial.Lifecycle.Reason);
        Fact("attempts", trial.Lifecycle.Attempts.ToString(CultureInfo.InvariantCulture));
        Fact("worker", trial.Lifecycle.Worker);
        Fact("checkpoint", trial.LastCheckpoint);
        foreach (var (name, value) in trial.Parameters?.ToNamedValues() ?? [])
        {
            Fact(name, Convert.ToString(value, CultureInfo.InvariantCulture));
        }
        if (trial.Outcome is { } outcome)
        {
            Fact("accuracy (test)", $"{outcome.Accuracy:0.0000} ± {outcome.AccuracyStd:0.0000} (untrained {outcome.UntrainedAccuracy:0.0000})");
            Fact(LfwProtocol.TarName(outcome.Far) + " (test)", outcome.Tar.ToString("0.0000", CultureInfo.InvariantCulture));
            Fact("accuracy (validation)", outcome.ValidationAccuracy.ToString("0.0000", CultureInfo.InvariantCulture));
            if (outcome.TeacherAgreement is { } agreement)
            {
                Fact("teacher agreement", string.Create(CultureInfo.InvariantCulture,
                    $"{agreement:0.0000} (untrained {outcome.UntrainedTeacherAgreement:0.0000}), same nearest face {outcome.TeacherNeighbourAgreement:0.0000}"));
            }
            Fact("student params", outcome.StudentParams.ToString("N0", CultureInfo.InvariantCulture));
            Fact("compression ratio", outcome.CompressionRatio.ToString("G4", CultureInfo.InvariantCulture));
            Fact("multiply-adds", outcome.MultiplyAdds.ToString("N0", CultureInfo.InvariantCulture));
            // What the engine did in the last attempt, as it counted it.
            Fact("resumed after epoch", outcome.ResumedFromEpoch.ToString(CultureInfo.InvariantCulture));
            Fact("teacher passes", string.Create(CultureInfo.InvariantCulture,
                $"{outcome.TeacherForwardPasses} batches run, {outcome.TeacherCacheHits} cache entries read"));
        }
        console.Write(facts);

        var curve = new Table().Title("epochs (metrics on the validation pairs)").AddColumns("epoch", "train loss", "accuracy", "TAR", "FAR", "seconds");
        foreach (var epoch in trial.Epochs)
        {
            var validation = epoch.ValidationOrNaN();
            curve.AddRow(
                epoch.Epoch.ToString(CultureInfo.InvariantCulture),
                epoch.Loss.ToString("0.0000", CultureInfo.InvariantCulture),
                validation.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture),
                validation.Tar.ToString("0.0000", CultureInfo.InvariantCulture),
                validation.Far.ToString("G3", CultureInfo.InvariantCulture),
                epoch.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }
        console.Write(curve);
    }
}
