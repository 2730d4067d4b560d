namespace FaceKdGrid.Bench;

/// <summary>The process's peak resident set (Linux VmHWM), which the kernel lets a process reset for itself.</summary>
internal static class PeakMemory
{
    /// <summary>Resets VmHWM to the current resident set (writing 5 to /proc/self/clear_refs); false where that is not possible.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>VmHWM in bytes, or the runtime's peak working set where /proc is missing.</summary>
    public static long ResidentBytes()
    {
        const string Field = "VmHWM:";
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Field, StringComparison.Ordinal)) : null;
        return line is null
            ? System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64
            : long.Parse(line[Field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
