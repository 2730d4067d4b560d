using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Shards placed on the training device for the length of a trial. On an accelerator the uint8 crops stay
/// resident (a million 112 px faces are ~37 GB; an H200 has ~139 GB), so batches are gathered and augmented
/// there and the device never waits for a host copy; on the CPU the shards are used as they are.
/// </summary>
public sealed class DeviceShards : IDisposable
{
    private readonly bool copied;

    public DeviceShards(IReadOnlyList<FaceSet> shards, Device device)
    {
        copied = device.type != DeviceType.CPU;
        Shards = copied
            ? [.. shards.Select(shard => new FaceSet(shard.Images.to(device, copy: true).DetachFromDisposeScope(), shard.Labels?.to(device, copy: true).DetachFromDisposeScope()))]
            : shards;
    }

    public IReadOnlyList<FaceSet> Shards { get; }

    public void Dispose()
    {
        if (copied)
        {
            foreach (var shard in Shards)
            {
                shard.Dispose();
            }
        }
    }
}
