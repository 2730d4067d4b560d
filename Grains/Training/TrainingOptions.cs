namespace FaceKdGrid.Grains.Training;

/// <summary>The devices of this silo and their slots (configuration section "Training").</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Empty means one CPU device with one slot.</summary>
    public List<DeviceSlots> Devices { get; set; } = [];

    public IReadOnlyList<DeviceSlots> EffectiveDevices => Devices.Count == 0 ? [new DeviceSlots()] : Devices;
}
