using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Follows a sweep as plain lines (<see cref="SweepLogLines"/>) for logs and pipes: one per trial event as it happens,
/// and where the trials stand when following starts, every <c>summaryInterval</c> (epochs of a real sweep can be
/// quiet for long) and when the sweep ends.
/// </summary>
public static class SweepLog
{
    public static async Task FollowAsync(IGrainFactory grains, string sweepId, TextWriter writer, TimeSpan summaryInterval, CancellationToken cancellationToken)
    {
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(sweepId);
        // Events and summaries arrive on different tasks; a line is written whole.
        var gate = new Lock();
        void Write(string line)
        {
            lock (gate)
            {
                writer.WriteLine(line);
            }
        }

        var summary = await coordinator.GetSummaryAsync();
        var metricName = SpecNames.Metrics.NameOf(summary.Metric);
        Write(SweepLogLines.Summary(summary, DateTimeOffset.UtcNow));
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var summaries = SummarizeAsync(coordinator, Write, summaryInterval, following.Token);
        try
        {
            await foreach (var update in SweepFollower.FollowAsync(grains, sweepId, cancellationToken))
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
        Write(SweepLogLines.Summary(await coordinator.GetSummaryAsync(), DateTimeOffset.UtcNow));
    }

    private static async Task SummarizeAsync(ISweepCoordinatorGrain coordinator, Action<string> write, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    write(SweepLogLines.Summary(await coordinator.GetSummaryAsync(), DateTimeOffset.UtcNow));
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
