using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Workers;

/// <summary>
/// A device of this silo: hands trials to the silo's <see cref="TrainingRuntime"/> (which runs them on background
/// threads) and answers from its <see cref="SlotTable"/>. Its placement keeps it on the silo its key names.
/// </summary>
[WorkerSiloPlacement]
public sealed class GpuWorkerGrain(TrainingRuntime runtime, SlotTable slots, HeartbeatSender heartbeat) : Grain, IGpuWorkerGrain
{
    private string Device => WorkerKeys.DeviceOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var siloName = WorkerKeys.SiloOf(this.GetPrimaryKeyString());
        return siloName == slots.Silo
            ? Task.CompletedTask
            : throw new InvalidOperationException($"worker '{this.GetPrimaryKeyString()}' was activated on silo '{slots.Silo}', not its own");
    }

    public Task<bool> RunTrialAsync(TrialAssignment assignment) => Task.FromResult(runtime.TryStart(Device, assignment));

    public Task CancelTrialAsync(string trialKey)
    {
        slots.Cancel(trialKey);
        return Task.CompletedTask;
    }

    public Task DrainAsync()
    {
        runtime.Drain(Device);
        // The registry hears of it before this returns, so no coordinator dispatches here meanwhile.
        return heartbeat.SendAsync(Device);
    }

    public Task<WorkerHeartbeat> GetStatusAsync() => Task.FromResult(slots.Describe(Device));
}
