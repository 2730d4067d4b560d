namespace FaceKdGrid.Grains.Training;

/// <summary>One device a silo trains on and how many trials may run on it at once.</summary>
public sealed class DeviceSlots
{
    /// <summary>The engine's device name: cpu, cuda:0, cuda:1, ...</summary>
    public string Name { get; set; } = "cpu";

    public int Slots { get; set; } = 1;
}
