using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Sweeps;

/// <summary>
/// Clients get the coordinator's API and read trials only: reporting progress and moving a trial's lifecycle are the
/// grains' own, in another assembly.
/// </summary>
public sealed class ReportingInterfaceTests
{
    [Fact]
    public void TheClientsInterfaceHasNoReportingCalls()
    {
        Assert.DoesNotContain(typeof(ISweepCoordinatorGrain).GetMethods(), method => method.Name.StartsWith("Report", StringComparison.Ordinal));
        Assert.All(typeof(ISweepReportingGrain).GetMethods(), method => Assert.StartsWith("Report", method.Name, StringComparison.Ordinal));
        Assert.NotEqual(typeof(ISweepCoordinatorGrain).Assembly, typeof(ISweepReportingGrain).Assembly);
    }

    [Fact]
    public void TheClientsCanOnlyReadATrial()
    {
        Assert.Equal(["GetAsync"], typeof(IExperimentGrain).GetMethods().Select(method => method.Name));
        Assert.NotEqual(typeof(IExperimentGrain).Assembly, typeof(IExperimentLifecycleGrain).Assembly);
    }
}
