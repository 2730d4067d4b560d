namespace FaceKdGrid.Grains.Workers;

/// <summary>The worker grain key: <c>{silo}/{device}</c>.</summary>
public static class WorkerKeys
{
    public static string Of(string silo, string device) => $"{silo}/{device}";

    /// <summary>The silo name part of a worker key (silo names never contain '/').</summary>
    public static string SiloOf(string workerId)
    {
        var slash = workerId.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? workerId[..slash] : throw new ArgumentException($"'{workerId}' is not a worker key of the form silo/device", nameof(workerId));
    }

    /// <summary>The device part of a worker key.</summary>
    public static string DeviceOf(string workerId) => workerId[(SiloOf(workerId).Length + 1)..];

    /// <summary>Whether a worker's device serves a sweep's device request (cuda matches cuda:N; auto matches all).</summary>
    public static bool Serves(string workerDevice, string requested) => requested switch
    {
        "auto" => true,
        "cuda" => workerDevice.StartsWith("cuda", StringComparison.Ordinal),
        _ => workerDevice == requested,
    };
}
