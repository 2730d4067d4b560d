using FaceKdGrid.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Storage;

/// <summary>The embedded silo's grain storage: a file per grain state, written atomically, ETags as on the other providers.</summary>
public sealed class FileGrainStorageTests : IDisposable
{
    private static readonly IGrainStorageSerializer Serializer =
        new OrleansGrainStorageSerializer(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private readonly string root = Directory.CreateTempSubdirectory("facekd-grains-").FullName;
    private readonly GrainId grain = GrainId.Create("experiment", "quickstart/t003");
    private readonly FileGrainStorage storage;

    public FileGrainStorageTests() => storage = new FileGrainStorage(new FileGrainStorageOptions { Root = root, GrainStorageSerializer = Serializer });

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task AStateReadsBackAsWrittenInANewStorage()
    {
        var written = new GrainState<List<string>>(["epoch 1", "epoch 2"]);
        await storage.WriteStateAsync("trial", grain, written);

        var read = new GrainState<List<string>>([]);
        await new FileGrainStorage(new FileGrainStorageOptions { Root = root, GrainStorageSerializer = Serializer }).ReadStateAsync("trial", grain, read);

        Assert.Equal(["epoch 1", "epoch 2"], read.State);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task AMissingStateIsNoRecord()
    {
        var read = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("trial", grain, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task AStaleWriteIsRefused()
    {
        var first = new GrainState<List<string>>(["a"]);
        await storage.WriteStateAsync("trial", grain, first);
        var stale = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("trial", grain, stale);
        first.State!.Add("b");
        await storage.WriteStateAsync("trial", grain, first);

        stale.State!.Add("c");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("trial", grain, stale));
        var read = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("trial", grain, read);
        Assert.Equal(["a", "b"], read.State);
    }

    [Fact]
    public async Task ACorruptFileIsNamedNotReset()
    {
        await storage.WriteStateAsync("trial", grain, new GrainState<List<string>>(["a"]));
        var path = storage.PathOf("trial", grain);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^40] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadStateAsync("trial", grain, new GrainState<List<string>>([])));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        error = await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadStateAsync("trial", grain, new GrainState<List<string>>([])));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AnIntactStateOfAnotherFormatIsNamedAsSuchNotAsDamage()
    {
        // What a state written by a version with another format looks like: whole bytes that are not this type.
        await storage.WriteStateAsync("trial", grain, new GrainState<List<string>>(["a"]));
        var path = storage.PathOf("trial", grain);
        var bytes = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadStateAsync("trial", grain, new GrainState<Dictionary<int, double>>([])));

        Assert.StartsWith($"grain state file '{path}' is intact but does not deserialise as Dictionary`2: it was most likely written by another FaceKdGrid version", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task WritesLeaveOnlyTheStateFile()
    {
        var state = new GrainState<List<string>>(["a"]);
        for (var write = 0; write < 5; write++)
        {
            state.State!.Add($"{write}");
            await storage.WriteStateAsync("trial", grain, state);
        }
        // A failed write (here: its serializer) leaves the state as it was.
        var failing = new FileGrainStorage(new FileGrainStorageOptions { Root = root, GrainStorageSerializer = new FailingSerializer() });
        await Assert.ThrowsAsync<IOException>(() => failing.WriteStateAsync("trial", grain, new GrainState<List<string>>(["lost"]) { ETag = state.ETag }));

        Assert.Equal([storage.PathOf("trial", grain)], Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        var read = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("trial", grain, read);
        Assert.Equal(state.State, read.State);
    }

    [Fact]
    public async Task ClearingRemovesTheFile()
    {
        var state = new GrainState<List<string>>(["a"]);
        await storage.WriteStateAsync("trial", grain, state);

        await storage.ClearStateAsync("trial", grain, state);

        Assert.False(File.Exists(storage.PathOf("trial", grain)));
        Assert.Null(state.ETag);
    }

    private sealed class FailingSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => throw new IOException("disk full");

        public T Deserialize<T>(BinaryData input) => throw new IOException("disk full");
    }
}
