using System.Diagnostics;
using Xunit.Sdk;

namespace FaceKdGrid.Cluster.Tests.Harness;

internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Polls <paramref name="read"/> until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }
            if (clock.Elapsed > timeout)
            {
                throw new XunitException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }
            await Task.Delay(Poll);
        }
    }
}
