namespace FaceKdGrid.Grains.Training;

/// <summary>The devices of this silo and their slots (configuration section "Training").</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Empty means one CPU device with one slot.</summary>
    public List<DeviceSlots> Devices { get; set; } = [];

    /// <summary>
    /// A libtorch folder to load instead of the packaged CPU build (e.g. a CUDA PyTorch install's torch/lib), for the
    /// trial executor to hand to the engine's TorchRuntime.Initialise before the first trial.
    /// </summary>
    public string? LibTorchDirectory { get; set; }

    /// <summary>CPU threads torch uses for each operation (null: TorchSharp's default).</summary>
    public int? CpuThreads { get; set; }

    public IReadOnlyList<DeviceSlots> EffectiveDevices => Devices.Count == 0 ? [new DeviceSlots()] : Devices;
}
