using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// One sweep, keyed by its id: accepts its spec (idempotently), expands it into trials, schedules them onto free
/// worker slots, stops weak ones (ASHA), retries failures with back-off, aggregates results, streams progress and
/// cancels. Persisted: a silo loss never loses a sweep. This is the clients' API; the training runtime reports
/// progress through <c>ISweepReportingGrain</c> (in the Grains assembly), so a client reference cannot report it.
/// </summary>
[Alias("fkd.ISweepCoordinatorGrain")]
public interface ISweepCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Submits the spec; the spec's name must be this grain's key.</summary>
    [Alias("Submit")]
    Task<SubmitResult> SubmitAsync(SweepSpec spec);

    /// <summary>The sweep with every trial's row; for a large sweep, <see cref="GetSummaryAsync"/> is the cheap question.</summary>
    [Alias("GetStatus")]
    Task<SweepSnapshot> GetStatusAsync();

    [Alias("GetSummary")]
    Task<SweepSummary> GetSummaryAsync();

    [Alias("GetResults")]
    Task<SweepResults> GetResultsAsync();

    /// <summary>Cancels pending trials and stops running ones; the results so far remain.</summary>
    [Alias("Cancel"), ResponseTimeout("00:05:00")]
    Task CancelAsync();

    /// <summary>
    /// Re-queues the failed and cancelled trials (teacher included), keeping every completed or stopped one; they keep
    /// their attempts, get a fresh failure budget and resume from their last checkpoint. The sweep runs again.
    /// </summary>
    [Alias("Retry"), ResponseTimeout("00:05:00")]
    Task<SweepChange> RetryAsync();

    /// <summary>
    /// Adds <paramref name="samples"/> more samples of a random search, exactly the trials the spec with that many more
    /// num_samples would have had after its own (ids continue the sequence). The sweep runs again.
    /// </summary>
    [Alias("Extend"), ResponseTimeout("00:05:00")]
    Task<SweepChange> ExtendAsync(int samples);

    /// <summary>
    /// The current state of every trial, then live events until the sweep ends (or the token fires); for an id not
    /// yet submitted it waits for the submission. After a coordinator move the stream breaks; subscribe again for a fresh current state.
    /// </summary>
    [Alias("Watch")]
    IAsyncEnumerable<SweepEvent> WatchAsync(CancellationToken cancellationToken = default);
}
