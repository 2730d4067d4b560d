namespace FaceKdGrid.Grid.Tests.Cluster;

/// <summary>Polls until a condition holds, failing with the last observation after a timeout.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> observe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var observed = await observe();
            if (condition(observed))
            {
                return observed;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s; last seen: {observed}");
            }
            await Task.Delay(50);
        }
    }
}
