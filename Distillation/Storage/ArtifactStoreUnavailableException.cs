using FaceKdGrid.Distillation.Resilience;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>A storage call that kept failing transiently until its retries ran out. The message names where (a
/// location from <see cref="IArtifactStore.Describe"/>, never a secret), how long it was tried, and the last error.</summary>
public sealed class ArtifactStoreUnavailableException(string location, int attempts, TimeSpan elapsed, Exception lastError)
    : IOException(
        $"storage is unavailable at {location}: {attempts} attempts over {elapsed.TotalSeconds:0.0} s failed, the last with " +
        FailureSummary.Of(lastError),
        lastError)
{
    public string Location { get; } = location;

    public int Attempts { get; } = attempts;
}
