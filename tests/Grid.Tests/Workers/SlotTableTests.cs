using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Workers;

public sealed class SlotTableTests
{
    private static SlotTable TwoSlots() => new("silo-a", "1", [new DeviceSlots { Name = "cpu", Slots = 2 }]);

    private static TrialAssignment Attempt(string trialId, int attempt = 1) => new() { SweepId = "s", TrialId = trialId, Attempt = attempt };

    [Fact]
    public void ADeviceRunsAsManyTrialsAsItHasSlotsAndRefusesOneMore()
    {
        var slots = TwoSlots();

        Assert.True(slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out var first));
        Assert.True(slots.TryReserve("cpu", Attempt("t001"), CancellationToken.None, out var second));
        Assert.False(slots.TryReserve("cpu", Attempt("t002"), CancellationToken.None, out var third));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.Equal(["s/t000", "s/t001"], slots.Describe("cpu").Running.Order());
    }

    [Fact]
    public void TheSameAttemptDispatchedTwiceRunsOnce()
    {
        var slots = TwoSlots();
        slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out _);

        Assert.True(slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out var again));

        Assert.Null(again);
        Assert.Single(slots.Running());
    }

    [Fact]
    public void AnotherAttemptOfARunningTrialIsRefused()
    {
        var slots = TwoSlots();
        slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out _);

        Assert.False(slots.TryReserve("cpu", Attempt("t000", attempt: 2), CancellationToken.None, out var retry));

        Assert.Null(retry);
        Assert.Equal(1, Assert.Single(slots.Running()).Assignment.Attempt);
    }

    [Fact]
    public void ADrainingDeviceTakesNoTrial()
    {
        var slots = TwoSlots();

        Assert.True(slots.TryDrain("cpu"));
        Assert.False(slots.TryDrain("cpu"));

        Assert.False(slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out _));
        Assert.True(slots.Describe("cpu").Draining);
        Assert.True(slots.AllDraining);
    }

    [Fact]
    public void NoTrialIsReservedOnceTheSiloStopsOrOnAnUnknownDevice()
    {
        var slots = TwoSlots();

        Assert.False(slots.TryReserve("cpu", Attempt("t000"), new CancellationToken(canceled: true), out _));
        Assert.False(slots.TryReserve("cuda:0", Attempt("t000"), CancellationToken.None, out _));
    }

    [Fact]
    public void AReleasedTrialFreesItsSlotAndIsHeldAsReportingUntilReported()
    {
        var slots = TwoSlots();
        slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out var first);
        slots.TryReserve("cpu", Attempt("t001"), CancellationToken.None, out _);

        slots.Release("cpu", first!);
        var released = slots.Describe("cpu");
        Assert.True(slots.TryReserve("cpu", Attempt("t002"), CancellationToken.None, out var next));
        slots.Reported("cpu", first!);
        var reported = slots.Describe("cpu");

        Assert.NotNull(next);
        Assert.Equal(["s/t001"], released.Running);
        Assert.Equal(["s/t000"], released.Reporting);
        Assert.True(released.Holds("s/t000"));
        Assert.False(reported.Holds("s/t000"));
        Assert.True(first!.Completion.IsCompleted);
    }

    [Fact]
    public void AHandedOffTrialIsCancelledAndMarkedSo()
    {
        var slots = TwoSlots();
        slots.TryReserve("cpu", Attempt("t000"), CancellationToken.None, out var trial);

        var handedOff = slots.HandOff(slots.DrainAll());

        Assert.Same(trial, Assert.Single(handedOff));
        Assert.True(trial!.HandedOff);
        Assert.True(trial.Cancellation.IsCancellationRequested);
    }

    [Fact]
    public void CancellingATrialCancelsItWhereverItRuns()
    {
        var slots = new SlotTable("silo-a", "1", [new DeviceSlots { Name = "cpu", Slots = 1 }, new DeviceSlots { Name = "cuda:0", Slots = 1 }]);
        slots.TryReserve("cuda:0", Attempt("t000"), CancellationToken.None, out var trial);

        slots.Cancel("s/t000");

        Assert.True(trial!.Cancellation.IsCancellationRequested);
        Assert.False(trial.HandedOff);
    }

    [Fact]
    public void ATrialStopsWithItsSilo()
    {
        using var stopping = new CancellationTokenSource();
        var slots = TwoSlots();
        slots.TryReserve("cpu", Attempt("t000"), stopping.Token, out var trial);

        stopping.Cancel();

        Assert.True(trial!.Cancellation.IsCancellationRequested);
        Assert.False(trial.HandedOff);
    }

    [Fact]
    public void TheHeartbeatNamesTheWorkerAndItsSlots()
    {
        var heartbeat = TwoSlots().Describe("cpu");

        Assert.Equal(("silo-a/cpu", "silo-a", "cpu", 2, "1", false), (heartbeat.WorkerId, heartbeat.Silo, heartbeat.Device, heartbeat.Slots, heartbeat.Incarnation, heartbeat.Draining));
    }

    [Theory]
    [InlineData("cpu", 0)]
    [InlineData("a/b", 1)]
    public void ADeviceNeedsASlotAndANameWithoutASlash(string name, int count)
    {
        var error = Assert.Throws<ArgumentException>(() => new SlotTable("silo-a", "1", [new DeviceSlots { Name = name, Slots = count }]));

        Assert.Contains($"device '{name}'", error.Message, StringComparison.Ordinal);
    }
}
