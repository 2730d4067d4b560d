using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grid.Tests.Cluster;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Trials;

/// <summary>A client reads a trial's final checkpoint through the grid, from whichever silo serves it, checked as it goes.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class TrialModelGrainTests(GridClusterFixture fixture)
{
    private readonly LocalFolderArtifactStore store = new(fixture.Options.ArtifactRoot);

    [Fact]
    public async Task TheFinalCheckpointArrivesWholeInChunks()
    {
        // Over two chunks, so the stream is reassembled from several messages.
        var content = new byte[(5 << 20) / 2];
        new Random(11).NextBytes(content);
        await store.WriteAsync(TrialArtifacts.FinalCheckpoint("model-stream", "t000"), new MemoryStream(content));

        var received = await ReadAsync("model-stream/t000");

        Assert.Equal(content, received);
    }

    [Fact]
    public async Task ADamagedCheckpointEndsTheStreamWithAnError()
    {
        var key = TrialArtifacts.FinalCheckpoint("model-damaged", "t000");
        await store.WriteAsync(key, new MemoryStream(new byte[4096]));
        var path = Path.Combine(fixture.Options.ArtifactRoot, key);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[100] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync("model-damaged/t000"));

        Assert.Contains("final.ckpt", error.Message, StringComparison.Ordinal);
    }

    private async Task<byte[]> ReadAsync(string trialKey)
    {
        using var buffer = new MemoryStream();
        await foreach (var chunk in fixture.Grains.GetGrain<ITrialModelGrain>(trialKey).ReadFinalCheckpointAsync())
        {
            buffer.Write(chunk);
        }
        return buffer.ToArray();
    }
}
