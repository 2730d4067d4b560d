using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The coordinator's log messages.</summary>
public sealed partial class SweepCoordinatorGrain
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Sweep {SweepId} submitted with {TrialCount} trials")]
    private static partial void LogSubmitted(ILogger logger, string sweepId, int trialCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Sweep {SweepId} resumed with {RunningCount} trials running")]
    private static partial void LogResumed(ILogger logger, string sweepId, int runningCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Sweep {SweepId}: {TrialId} attempt {Attempt} dispatched to {Worker}")]
    private static partial void LogDispatched(ILogger logger, string sweepId, string trialId, int attempt, string worker);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Sweep {SweepId}: {TrialId} {Message}")]
    private static partial void LogRetrying(ILogger logger, string sweepId, string trialId, string message);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Sweep {SweepId}: {TrialId} failed for good: {Reason}")]
    private static partial void LogTrialFailed(ILogger logger, string sweepId, string trialId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Sweep {SweepId}: {TrialId} re-queued: {Reason}")]
    private static partial void LogRequeued(ILogger logger, string sweepId, string trialId, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Sweep {SweepId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string sweepId, SweepStatus status);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Sweep {SweepId} cancelled")]
    private static partial void LogCancelled(ILogger logger, string sweepId);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Worker {Worker} could not be reached: {Reason}")]
    private static partial void LogWorkerUnreachable(ILogger logger, string worker, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Sweep {SweepId}: reminders unavailable: {Reason}")]
    private static partial void LogReminderUnavailable(ILogger logger, string sweepId, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Sweep {SweepId}: {Count} trials caught up from their experiment records")]
    private static partial void LogCaughtUp(ILogger logger, string sweepId, int count);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Sweep {SweepId}: {Count} failed or cancelled trials retried")]
    private static partial void LogRetried(ILogger logger, string sweepId, int count);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Sweep {SweepId} extended by {Samples} samples: {Count} trials added")]
    private static partial void LogExtended(ILogger logger, string sweepId, int samples, int count);
}
