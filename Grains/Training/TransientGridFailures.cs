namespace FaceKdGrid.Grains.Training;

/// <summary>
/// Which failures of a grain call are worth another attempt. While a silo dies, joins or storage is away, calls fail
/// with unavailable silos, rejected messages, time-outs and storage errors wrapped by the grain: all pass. A call
/// the grain rejects for its arguments would be rejected again, so it fails at once.
/// </summary>
public static class TransientGridFailures
{
    public static bool IsTransient(Exception exception) => exception is not (ArgumentException or NotSupportedException or NotImplementedException);
}
