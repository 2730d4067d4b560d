using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.Options;

namespace FaceKdGrid.Grains.Training;

/// <summary>Tells the registry each device's slots and trials (<see cref="SlotTable.Describe"/>), every heartbeat interval.</summary>
public sealed class HeartbeatSender(SlotTable slots, IGrainFactory grains, GridCallResilience calls, IOptions<GridTimingOptions> timing)
{
    /// <summary>Sends every device's heartbeat each interval until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(timing.Value.HeartbeatInterval);
        do
        {
            foreach (var device in slots.Devices)
            {
                await TrySendAsync(device, stopping);
            }
        }
        while (await WaitForNextTickAsync(timer, stopping));
    }

    /// <summary>The device's heartbeat now; a failure is thrown to the caller.</summary>
    public Task SendAsync(string device) => grains.GetGrain<IWorkerRegistryGrain>(0).HeartbeatAsync(slots.Describe(device));

    /// <summary>The device's heartbeat now, in one attempt (the next beat is its retry); false, logged, when it failed.</summary>
    public Task<bool> TrySendAsync(string device, CancellationToken cancellationToken) =>
        calls.TryOnceAsync(() => SendAsync(device), $"heartbeat of {WorkerKeys.Of(slots.Silo, device)}", cancellationToken);

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
