using FaceKdGrid.ClientLibrary;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Follows a sweep as plain lines (<see cref="SweepLogLines"/>) for logs and pipes: one per trial event as it happens,
/// and where the trials stand when following starts, every <c>summaryInterval</c> (epochs of a real sweep can be
/// quiet for long) and when the sweep ends.
/// </summary>
public static class SweepLog
{
    public static async Task FollowAsync(GridClient grid, string sweepId, TextWriter writer, TimeSpan summaryInterval, CancellationToken cancellationToken)
    {
        // Events and summaries arrive on different tasks; a line is written whole.
        var gate = new Lock();
        void Write(string line)
        {
            lock (gate)
            {
                writer.WriteLine(line);
            }
        }

        var summary = await grid.GetSweepSummaryAsync(sweepId);
        var metricName = SpecNames.Metrics.NameOf(summary.Metric);
        Write(SweepLogLines.Summary(summary, DateTimeOffset.UtcNow));
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var summaries = SummarizeAsync(grid, sweepId, Write, summaryInterval, following.Token);
        try
        {
            await foreach (var update in grid.FollowAsync(sweepId, cancellationToken))
            {
                if (SweepLogLines.Of(update, metricName) is { } line)
                {
                    Write(line);
                }
            }
        }
        finally
        {
            await following.CancelAsync();
            await summaries;
        }
        Write(SweepLogLines.Summary(await grid.GetSweepSummaryAsync(sweepId), DateTimeOffset.UtcNow));
    }

    private static async Task SummarizeAsync(GridClient grid, string sweepId, Action<string> write, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    write(SweepLogLines.Summary(await grid.GetSweepSummaryAsync(sweepId), DateTimeOffset.UtcNow));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The coordinator is moving to another silo; the next tick asks again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Following ended.
        }
    }
}
