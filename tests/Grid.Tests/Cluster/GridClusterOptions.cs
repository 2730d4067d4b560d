using FaceKdGrid.Grains.Training;
using FaceKdGrid.GridTestSupport;

namespace FaceKdGrid.Grid.Tests.Cluster;

/// <summary>
/// How a test cluster is built. <see cref="Executor"/> is the switch to real training: it defaults to the
/// <see cref="FakeTrialExecutor"/>; give it the engine's executor to run tiny real trials instead (tests that rely
/// on the fake's failure triggers say so).
/// </summary>
public sealed record GridClusterOptions
{
    public short Silos { get; init; } = 3;

    public int SlotsPerSilo { get; init; } = 1;

    public Func<IServiceProvider, ITrialExecutor>? Executor { get; init; }

    /// <summary>The artifact store folder the silos share (real trials keep data, caches and checkpoints there).</summary>
    public string ArtifactRoot { get; init; } = Path.Combine(Path.GetTempPath(), $"facekd-grid-{Guid.NewGuid():N}");

    /// <summary>The fake used when <see cref="Executor"/> is null.</summary>
    public FakeTrialExecutor Fake { get; init; } = new();
}
