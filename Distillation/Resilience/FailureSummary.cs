using Azure;

namespace FaceKdGrid.Distillation.Resilience;

/// <summary>One line about a failure for messages and logs: its type, the HTTP status and error code when storage
/// answered, and the first line of its message (Azure's go on with headers and body, and stack traces stay out of
/// warnings; the exception keeps them).</summary>
public static class FailureSummary
{
    public static string Of(Exception? exception)
    {
        if (exception is null)
        {
            return "(no exception)";
        }
        var firstLine = exception.Message.Split('\n', 2)[0].TrimEnd('\r');
        return exception is RequestFailedException { Status: > 0 } failed
            ? $"{exception.GetType().Name} (HTTP {failed.Status} {failed.ErrorCode}): {firstLine}"
            : $"{exception.GetType().Name}: {firstLine}";
    }
}
