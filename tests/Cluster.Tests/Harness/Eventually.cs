using System.Diagnostics;
using Xunit.Sdk;

namespace FaceKdGrid.Cluster.Tests.Harness;

internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Polls <paramref name="read"/> until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after
    /// <paramref name="timeout"/>. A read that throws counts as "not yet": while a silo dies, calls to the grains it
    /// held fail until they move, as any client of the grid sees.
    /// </summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
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
            }
            catch (Exception error) when (error is not XunitException)
            {
                lastError = error;
            }
            if (clock.Elapsed > timeout)
            {
                throw new XunitException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}" +
                    (lastError is null ? "" : $" (last error: {lastError.GetType().Name}: {lastError.Message})"));
            }
            await Task.Delay(Poll);
        }
    }
}
