using System.Globalization;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Shows a sweep until it ends: a live progress bar per trial (epochs done of epochs set) on an interactive
/// console, otherwise one line per trial that finishes or is re-queued.
/// </summary>
public static class SweepProgressView
{
    public static Task FollowAsync(IGrainFactory grains, string sweepId, IAnsiConsole console, CancellationToken cancellationToken) =>
        console.Profile.Capabilities.Interactive
            ? ShowBarsAsync(grains, sweepId, console, cancellationToken)
            : ShowLinesAsync(grains, sweepId, console, cancellationToken);

    private static async Task ShowBarsAsync(IGrainFactory grains, string sweepId, IAnsiConsole console, CancellationToken cancellationToken)
    {
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                await foreach (var update in SweepFollower.FollowAsync(grains, sweepId, cancellationToken))
                {
                    if (update.TrialId is not { } trialId)
                    {
                        continue;
                    }
                    if (!bars.TryGetValue(trialId, out var bar))
                    {
                        bar = context.AddTask(trialId, maxValue: Math.Max(1, update.TotalEpochs));
                        bars[trialId] = bar;
                    }
                    bar.Value = update.TrialStatus.IsFinal() ? bar.MaxValue : update.Epoch;
                    bar.Description = Markup.Escape(Describe(update, withReason: false));
                    if (update.TrialStatus.IsFinal())
                    {
                        bar.StopTask();
                    }
                }
            });
    }

    private static async Task ShowLinesAsync(IGrainFactory grains, string sweepId, IAnsiConsole console, CancellationToken cancellationToken)
    {
        await foreach (var update in SweepFollower.FollowAsync(grains, sweepId, cancellationToken))
        {
            if (update.Kind is SweepEventKind.TrialFinished or SweepEventKind.TrialRequeued)
            {
                console.Profile.Out.Writer.WriteLine(Describe(update, withReason: true));
            }
        }
    }

    // A bar's label stays one short line; the reason of a failure is printed with the results.
    private static string Describe(SweepEvent update, bool withReason)
    {
        var metric = update.Metric is { } value ? " metric " + value.ToString("0.0000", CultureInfo.InvariantCulture) : "";
        var note = withReason && update.Message is { } message && (update.TrialStatus == TrialStatus.Failed || update.Kind == SweepEventKind.TrialRequeued) ? $" ({message})" : "";
        return $"{update.TrialId} {ResultRow.StatusName(update.TrialStatus)} epoch {update.Epoch}/{update.TotalEpochs}{metric}{note}";
    }
}
