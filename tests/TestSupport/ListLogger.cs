using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FaceKdGrid.TestSupport;

/// <summary>Keeps every log line (message and exception) so tests can check what was logged, and what was not.</summary>
public sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue($"{logLevel} {eventId.Id}: {formatter(state, exception)} {exception}");
}
