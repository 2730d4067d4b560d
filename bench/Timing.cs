namespace FaceKdGrid.Bench;

/// <summary>
/// Wall-clock and process CPU seconds of one measured stretch. On a shared CPU machine the wall time depends on
/// the other tenants; with one thread the CPU time mostly does not, so both are reported.
/// </summary>
internal readonly record struct Timing(double Seconds, double CpuSeconds)
{
    /// <summary>CPU seconds this process (all its threads) has used so far.</summary>
    public static double ProcessCpuSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;
}
