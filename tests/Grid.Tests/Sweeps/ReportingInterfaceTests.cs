using FaceKdGrid.Grains.Sweeps;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Sweeps;

/// <summary>Clients get the coordinator's API only: reporting progress is the training runtime's, in another assembly.</summary>
public sealed class ReportingInterfaceTests
{
    [Fact]
    public void TheClientsInterfaceHasNoReportingCalls()
    {
        Assert.DoesNotContain(typeof(ISweepCoordinatorGrain).GetMethods(), method => method.Name.StartsWith("Report", StringComparison.Ordinal));
        Assert.All(typeof(ISweepReportingGrain).GetMethods(), method => Assert.StartsWith("Report", method.Name, StringComparison.Ordinal));
        Assert.NotEqual(typeof(ISweepCoordinatorGrain).Assembly, typeof(ISweepReportingGrain).Assembly);
    }
}
