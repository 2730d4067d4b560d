using System.Diagnostics;
using Xunit.Sdk;

namespace FaceKdGrid.TestSupport;

/// <summary>Polls until a condition holds: the one way the test projects wait for a distributed outcome.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="read"/> until <paramref name="condition"/> holds; fails naming <paramref name="what"/>, the
    /// last value seen and the last error after <paramref name="timeout"/>. A read that throws counts as "not yet":
    /// while a silo dies, calls to the grains it held fail until they move, as any client of the grid sees.
    /// </summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var poll = TimeSpan.FromMilliseconds(50);
        var lastSeen = "nothing";
        Exception? lastError = null;
        while (true)
        {
            try
            {
                var value = await read();
                if (condition(value))
                {
                    return value;
                }
                lastSeen = value?.ToString() ?? "null";
            }
            catch (Exception error) when (error is not XunitException)
            {
                lastError = error;
            }
            if (clock.Elapsed > timeout)
            {
                throw new XunitException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}; last seen: {lastSeen}" +
                    (lastError is null ? "" : $" (last error: {lastError.GetType().Name}: {lastError.Message})"));
            }
            await Task.Delay(poll);
            // Back off to half a second: a quick answer stays quick, a slow one does not flood the cluster with reads.
            poll = TimeSpan.FromMilliseconds(Math.Min(500, poll.TotalMilliseconds * 2));
        }
    }
}
