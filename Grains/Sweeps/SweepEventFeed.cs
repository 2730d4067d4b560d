namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// The recent events of a sweep in memory, for watchers. Bounded: a watcher that falls far behind skips the
/// oldest events. Used only from the coordinator's turns, so it needs no locking.
/// </summary>
public sealed class SweepEventFeed
{
    private const int Capacity = 4096;
    private readonly List<SweepEvent> events = [];
    private long firstSequence;
    private TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The sequence number the next appended event gets.</summary>
    public long NextSequence => firstSequence + events.Count;

    public void Append(SweepEvent sweepEvent)
    {
        if (events.Count == Capacity)
        {
            events.RemoveRange(0, Capacity / 2);
            firstSequence += Capacity / 2;
        }
        events.Add(sweepEvent);
        var waiting = appended;
        appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult();
    }

    /// <summary>The events from <paramref name="sequence"/> on (or from the oldest still kept).</summary>
    public IReadOnlyList<SweepEvent> ReadFrom(long sequence)
    {
        var start = (int)Math.Max(0, sequence - firstSequence);
        return start >= events.Count ? [] : events.GetRange(start, events.Count - start);
    }

    /// <summary>Completes when an event is appended at or after <paramref name="sequence"/>.</summary>
    public Task WaitAsync(long sequence, CancellationToken cancellationToken) =>
        sequence < NextSequence ? Task.CompletedTask : appended.Task.WaitAsync(cancellationToken);
}
