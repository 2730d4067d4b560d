using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>Float tensors in the artifact store, in the <see cref="TensorFile"/> format.</summary>
public static class ArtifactTensors
{
    public static Task<ArtifactInfo> WriteAsync(IArtifactStore store, string key, Tensor tensor, CancellationToken cancellationToken = default) =>
        store.WriteAsync(key, new MemoryStream(TensorFile.ToBytes(tensor)), cancellationToken);

    /// <summary>Reads a stored tensor (on the CPU, outside any dispose scope); null when the key is absent.</summary>
    public static async Task<Tensor?> TryReadAsync(IArtifactStore store, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(key, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return TensorFile.FromBytes(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }
}
