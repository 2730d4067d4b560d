namespace FaceKdGrid.Grains.Engine;

/// <summary>An engine's argument exception as one line for a spec error: its message without .NET's parameter suffix.</summary>
internal static class EngineRefusal
{
    public static string Describe(ArgumentException refused)
    {
        var message = refused.Message;
        // ArgumentException appends " (Parameter 'X')" and ArgumentOutOfRangeException an "Actual value was" line.
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        message = cut >= 0 ? message[..cut] : message.Split('\n')[0];
        return $"refused by the engine: {message.Trim()}";
    }
}
