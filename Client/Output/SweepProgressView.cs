using System.Globalization;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Shows a sweep until it ends: a live progress bar per trial (epochs done of epochs set) on an interactive
/// terminal, otherwise <see cref="SweepLog"/>'s plain lines with a summary every <c>summaryInterval</c>.
/// </summary>
public static class SweepProgressView
{
    public static Task FollowAsync(GridClient grid, string sweepId, IAnsiConsole console, TimeSpan summaryInterval, CancellationToken cancellationToken) =>
        IsLive(console)
            ? ShowBarsAsync(grid, sweepId, console, cancellationToken)
            : SweepLog.FollowAsync(grid, sweepId, console.Profile.Out.Writer, summaryInterval, cancellationToken);

    // Spectre calls a console interactive unless CI says otherwise, even one writing to a file or a pipe: bars
    // redrawn in place need a terminal as well.
    private static bool IsLive(IAnsiConsole console) => console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal;

    private static async Task ShowBarsAsync(GridClient grid, string sweepId, IAnsiConsole console, CancellationToken cancellationToken)
    {
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                await foreach (var update in grid.FollowAsync(sweepId, cancellationToken))
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
                    bar.Description = Markup.Escape(Describe(update));
                    if (update.TrialStatus.IsFinal())
                    {
                        bar.StopTask();
                    }
                }
            });
    }

    // A bar's label stays one short line; the reason of a failure is printed with the results.
    private static string Describe(SweepEvent update)
    {
        var metric = update.Metric is { } value ? " metric " + value.ToString("0.0000", CultureInfo.InvariantCulture) : "";
        return $"{update.TrialId} {ResultRow.StatusName(update.TrialStatus)} epoch {update.Epoch}/{update.TotalEpochs}{metric}";
    }
}
