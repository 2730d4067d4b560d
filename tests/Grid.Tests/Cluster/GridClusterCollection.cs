using Xunit;

namespace FaceKdGrid.Grid.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class GridClusterCollection : ICollectionFixture<GridClusterFixture>
{
    public const string Name = "grid cluster";
}
