namespace FaceKdGrid.TestSupport.TensorBoard;

/// <summary>
/// One record of a TensorBoard event file, as the test reader decodes it: the Event's wall time (seconds since 1970),
/// step, file version (only the opening record has one) and the summary's scalars.
/// </summary>
public sealed record TfEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Scalars);
