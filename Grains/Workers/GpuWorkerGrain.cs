using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Workers;

/// <summary>
/// A device of this silo: hands trials to the silo's <see cref="TrainingRuntime"/> (which runs them on background
/// threads) and reports to the registry. Its placement keeps it on the silo its key names.
/// </summary>
[WorkerSiloPlacement]
public sealed class GpuWorkerGrain(TrainingRuntime runtime, IGrainFactory grains) : Grain, IGpuWorkerGrain
{
    private string Device => WorkerKeys.DeviceOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var siloName = WorkerKeys.SiloOf(this.GetPrimaryKeyString());
        return siloName == runtime.SiloName
            ? Task.CompletedTask
            : throw new InvalidOperationException($"worker '{this.GetPrimaryKeyString()}' was activated on silo '{runtime.SiloName}', not its own");
    }

    public Task<bool> RunTrialAsync(TrialAssignment assignment) => Task.FromResult(runtime.TryStart(Device, assignment));

    public Task CancelTrialAsync(string trialKey)
    {
        runtime.Cancel(trialKey);
        return Task.CompletedTask;
    }

    public Task HeartbeatAsync() => grains.GetGrain<IWorkerRegistryGrain>(0).HeartbeatAsync(runtime.Describe(Device));

    public Task DrainAsync()
    {
        runtime.Drain(Device);
        return HeartbeatAsync();
    }

    public Task<WorkerHeartbeat> GetStatusAsync() => Task.FromResult(runtime.Describe(Device));
}
