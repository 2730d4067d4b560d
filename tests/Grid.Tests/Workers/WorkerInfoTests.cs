using FaceKdGrid.Grains.Workers;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Workers;

public sealed class WorkerInfoTests
{
    private static readonly WorkerHeartbeat LastHeartbeat = new() { WorkerId = "silo-a/cpu", Slots = 2, Running = ["s/t000", "s/t001"] };

    [Fact]
    public void ALiveWorkerRunsWhatItsHeartbeatLists()
    {
        Assert.Equal(["s/t000", "s/t001"], new WorkerInfo { Heartbeat = LastHeartbeat, IsAlive = true }.RunningTrials);
    }

    [Fact]
    public void ADeadWorkerRunsNothingWhateverItsLastHeartbeatListed()
    {
        // Its trials are re-queued and may finish elsewhere: cluster status must not keep listing them here.
        Assert.Empty(new WorkerInfo { Heartbeat = LastHeartbeat, IsAlive = false }.RunningTrials);
    }
}
