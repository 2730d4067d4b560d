namespace FaceKdGrid.Grid.Tests.Telemetry;

/// <summary>One measurement of a grid instrument, and the trial activity it was made in (null outside one).</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags, string? Sweep, string? Trial)
{
    public string? Tag(string name) => Tags.GetValueOrDefault(name)?.ToString();
}
