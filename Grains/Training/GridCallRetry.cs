using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// Retries a call from the training runtime to a grain: while a silo dies and its grains move, calls fail for a
/// few seconds, and a finished trial's report must not be lost to that.
/// </summary>
internal static partial class GridCallRetry
{
    private static readonly TimeSpan[] Delays =
        [.. new[] { 0.2, 0.5, 1, 2, 3, 5, 5, 5, 5, 5 }.Select(TimeSpan.FromSeconds)];

    /// <summary>The call's result, or <paramref name="fallback"/> when every attempt failed (or the silo stops).</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, T fallback, string what, ILogger logger, CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (error is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                if (attempt >= Delays.Length || stopping.IsCancellationRequested)
                {
                    LogGaveUp(logger, what, error);
                    return fallback;
                }
                LogRetrying(logger, what, attempt + 1, error.Message);
                try
                {
                    await Task.Delay(Delays[attempt], stopping);
                }
                catch (OperationCanceledException)
                {
                    return fallback;
                }
            }
            catch (OperationCanceledException)
            {
                return fallback;
            }
        }
    }

    public static Task RunAsync(Func<Task> call, string what, ILogger logger, CancellationToken stopping) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, false, what, logger, stopping);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{What} failed (try {Attempt}): {Reason}; retrying")]
    private static partial void LogRetrying(ILogger logger, string what, int attempt, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "{What} failed for good")]
    private static partial void LogGaveUp(ILogger logger, string what, Exception error);
}
