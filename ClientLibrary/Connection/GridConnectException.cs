namespace FaceKdGrid.ClientLibrary.Connection;

/// <summary>The client did not connect; the message names the gateway and the reason, <see cref="Failure"/> its kind.</summary>
public sealed class GridConnectException(GridConnectFailure failure, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public GridConnectFailure Failure { get; } = failure;
}
