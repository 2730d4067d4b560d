using FaceKdGrid.Distillation.Storage;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// The store's own exceptions have no grid codec, so a client would see only "no codec"; an InvalidDataException
/// carries their message (which names the artifact) across, and the CLI reports it as bad stored data (exit 2).
/// </summary>
public static class ClientVisibleStoreErrors
{
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception error) when (error is ArtifactCorruptException or ArtifactNotFoundException)
        {
            throw new InvalidDataException(error.Message);
        }
    }
}
