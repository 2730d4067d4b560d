using System.Globalization;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// The plain lines a sweep is followed by without a terminal (a log, a pipe, CI), each starting with its UTC time,
/// since <c>docker compose logs</c> and most pipes keep none:
/// <code>
/// 2026-01-05 10:00:01Z t003 started: attempt 1 on silo-a/cpu
/// 2026-01-05 10:00:01Z t002 running: attempt 1 on silo-b/cpu, epoch 3/6, validation accuracy 0.7901   (on subscribing)
/// 2026-01-05 10:02:11Z t003 epoch 2/6, validation accuracy 0.8123
/// 2026-01-05 10:09:40Z t003 completed epoch 6/6, validation accuracy 0.8710
/// 2026-01-05 10:03:00Z t004 requeued: attempt 1 lost: worker silo-b/cpu stopped sending heartbeats
/// 2026-01-05 10:05:00Z sweep quickstart running, 0:05:00 elapsed: 1 pending, 2 running, 2 completed of 5 trials
/// </code>
/// Metrics are the sweep's own (accuracy or tar) on the validation pairs, as the scheduler reads them.
/// </summary>
public static class SweepLogLines
{
    /// <summary>
    /// The line for a trial's event; null for those that are no news: the sweep's end (a summary says it), the state of
    /// a trial not running when following starts (the summary counts it). A running one is shown, since its start
    /// may have come before following did.
    /// </summary>
    public static string? Of(SweepEvent update, string metricName) => update.Kind switch
    {
        SweepEventKind.TrialState when update.TrialStatus == TrialStatus.Running =>
            $"{Stamp(update.Time)} {update.TrialId} running: attempt {update.Attempt} on {update.Worker}, epoch {Progress(update)}{Metric(update, metricName)}",
        SweepEventKind.TrialStarted => $"{Stamp(update.Time)} {update.TrialId} started: attempt {update.Attempt} on {update.Worker}",
        SweepEventKind.EpochReported => $"{Stamp(update.Time)} {update.TrialId} epoch {Progress(update)}{Metric(update, metricName)}",
        SweepEventKind.TrialFinished => $"{Stamp(update.Time)} {update.TrialId} {ResultRow.StatusName(update.TrialStatus)} epoch {Progress(update)}{Metric(update, metricName)}{Why(update)}",
        SweepEventKind.TrialRequeued => $"{Stamp(update.Time)} {update.TrialId} requeued: {update.Message}",
        _ => null,
    };

    /// <summary>Where the sweep's trials stand at <paramref name="now"/>, and how long it has run (until it ended).</summary>
    public static string Summary(SweepSummary summary, DateTimeOffset now)
    {
        var elapsed = summary.SubmittedAt is { } submitted ? $", {Duration((summary.FinishedAt ?? now) - submitted)} elapsed" : "";
        var counts = Enum.GetValues<TrialStatus>()
            .Where(status => summary.Count(status) > 0)
            .Select(status => $"{summary.Count(status)} {ResultRow.StatusName(status)}");
        return $"{Stamp(now)} sweep {summary.SweepId} {ResultRow.StatusName(summary.Status)}{elapsed}: {string.Join(", ", counts)} of {summary.TrialCount} trials";
    }

    private static string Stamp(DateTimeOffset time) => time.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);

    private static string Progress(SweepEvent update) => $"{update.Epoch}/{update.TotalEpochs}";

    private static string Metric(SweepEvent update, string metricName) =>
        update.Metric is { } value ? $", validation {metricName} {value.ToString("0.0000", CultureInfo.InvariantCulture)}" : "";

    // Only a trial that ended without results has a reason worth a line; one that completed has none.
    private static string Why(SweepEvent update) =>
        update.TrialStatus is TrialStatus.Failed or TrialStatus.Cancelled && update.Message is { } reason ? $": {reason}" : "";

    // Hours keep counting past a day (30:00:00, not 06:00:00); a client clock behind the silo's reads 0:00:00.
    private static string Duration(TimeSpan elapsed) => elapsed < TimeSpan.Zero
        ? Duration(TimeSpan.Zero)
        : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}");
}
