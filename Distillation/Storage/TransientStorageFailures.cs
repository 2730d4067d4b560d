using Azure;
using Polly.Timeout;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>Which storage failures are worth retrying: those a healthy store would not repeat. Missing artifacts,
/// invalid arguments and corrupt data are answers, not hiccups, and fail at once.</summary>
public static class TransientStorageFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        // Status 0 means no response at all (connection refused or reset): what an outage looks like.
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504,
        // The Azure SDK reports the attempts of its own retry policy together.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        TimeoutRejectedException or HttpRequestException => true,
        // A missing file or damaged content is an answer; an inner resilient store's verdict already includes its retries.
        FileNotFoundException or DirectoryNotFoundException or PathTooLongException or ArtifactCorruptException or ArtifactStoreUnavailableException => false,
        IOException => true,
        _ => false,
    };
}
