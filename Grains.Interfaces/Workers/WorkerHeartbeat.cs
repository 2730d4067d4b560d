namespace FaceKdGrid.Grains.Workers;

/// <summary>What a worker tells the registry every heartbeat: its capacity and the trials it runs now.</summary>
[GenerateSerializer, Immutable, Alias("fkd.WorkerHeartbeat")]
public sealed record WorkerHeartbeat
{
    /// <summary><c>{silo}/{device}</c>, the worker grain's key.</summary>
    [Id(0)] public string WorkerId { get; init; } = "";

    [Id(1)] public string Silo { get; init; } = "";

    [Id(2)] public string Device { get; init; } = "";

    [Id(3)] public int Slots { get; init; }

    /// <summary>Trial keys (<c>{sweep}/{trial}</c>) running on it now.</summary>
    [Id(4)] public IReadOnlyList<string> Running { get; init; } = [];

    /// <summary>A draining worker finishes what it runs and takes nothing new.</summary>
    [Id(5)] public bool Draining { get; init; }

    /// <summary>Changes whenever the silo process restarts, so trials dispatched to an earlier one count as lost.</summary>
    [Id(6)] public string Incarnation { get; init; } = "";

    /// <summary>
    /// Trial keys that finished here and whose outcome is being reported: their slot is free, but they are not lost,
    /// so no coordinator re-queues them while the report is on its way.
    /// </summary>
    [Id(7)] public IReadOnlyList<string> Reporting { get; init; } = [];

    /// <summary>Whether the worker still answers for the trial: it runs it, or it reports its outcome.</summary>
    public bool Holds(string trialKey) => Running.Contains(trialKey) || Reporting.Contains(trialKey);
}
