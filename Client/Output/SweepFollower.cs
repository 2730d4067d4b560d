using System.Runtime.CompilerServices;
using FaceKdGrid.Grains.Sweeps;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// A sweep's progress events until it ends. When the stream breaks (the coordinator moved to another silo) it
/// subscribes again, which starts with every trial's current state.
/// </summary>
public static class SweepFollower
{
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<SweepEvent> FollowAsync(IGrainFactory grains, string sweepId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(sweepId);
        while (!cancellationToken.IsCancellationRequested)
        {
            var broken = false;
            var events = coordinator.WatchAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool moved;
                    try
                    {
                        moved = await events.MoveNextAsync();
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        broken = true;
                        break;
                    }
                    if (!moved)
                    {
                        break;
                    }
                    yield return events.Current;
                    if (events.Current.Kind == SweepEventKind.SweepFinished)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await DisposeQuietlyAsync(events);
            }
            if (!broken)
            {
                yield break;
            }
            await Task.Delay(Resubscribe, cancellationToken);
        }
    }

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<SweepEvent> events)
    {
        try
        {
            await events.DisposeAsync();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The coordinator that held the stream is gone; there is nothing left to release.
        }
    }
}
