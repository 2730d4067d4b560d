namespace FaceKdGrid.Bench;

/// <summary>The 1/5/15-minute load averages, noted with every result because the machines may be shared.</summary>
internal static class MachineLoad
{
    private const string LoadAverageFile = "/proc/loadavg";

    public static string Read() => File.Exists(LoadAverageFile)
        ? string.Join(' ', File.ReadAllText(LoadAverageFile).Split(' ').Take(3))
        : "n/a";
}
