using Orleans.TestingHost;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Cluster;

/// <summary>One three-silo cluster shared by the grain tests; each test uses its own sweep ids.</summary>
public sealed class GridClusterFixture : IAsyncLifetime
{
    public GridClusterOptions Options { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public FakeTrialExecutor Fake => Options.Fake;

    public async Task InitializeAsync() => Cluster = await GridCluster.StartAsync(Options);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
