using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.TestSupport.Azurite;
using SkiaSharp;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// facekd data ingest|list|push|pull against the cluster's store, a real Azurite container: the round trip, and each
/// bad input refused with exit code 2 and nothing stored under the name.
/// </summary>
public sealed class DataStoreCliTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Size = 8;

    private readonly CliRun cli = new();
    private readonly string container = $"test-{Guid.NewGuid():N}";

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task ARecIngestedIntoTheClusterIsListedPulledAndPushedBackOnlyWithForce()
    {
        var rec = WriteRec("train", images: 10);

        Assert.Equal(ExitCodes.Done, await Data("ingest", rec, "--name", "pool", "--format", "rec", "--size", $"{Size}", "--shard-size", "4", "--store", "cluster"));
        Assert.Contains("10 images in 3 shards", cli.Messages, StringComparison.Ordinal);
        Assert.Contains("(10 images so far)", cli.Messages, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Done, await Data("list", "--store", "cluster"));
        Assert.Contains("pool", cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Done, await Data("pull", "pool"));

        var cluster = new AzureBlobArtifactStore(azurite.ConnectionString, container);
        var local = new LocalFolderArtifactStore(cli.Context.ArtifactsRoot);
        var stored = (await DatasetArtifacts.TryReadIndexAsync(cluster, "pool"))!;
        var pulled = (await DatasetArtifacts.TryReadIndexAsync(local, "pool"))!;
        Assert.Equal(stored.Shards, pulled.Shards);
        Assert.Equal(10, (await DatasetArtifacts.ReadFacesAsync(local, pulled)).Sum(faces => faces.Count));

        Assert.Equal(ExitCodes.BadInput, await Data("push", "pool"));
        Assert.Contains("data set 'pool' already exists", cli.Messages, StringComparison.Ordinal);
        Assert.Contains("--force replaces it", cli.Messages, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, await Data("pull", "pool"));
        Assert.Equal(ExitCodes.Done, await Data("push", "pool", "--force"));
    }

    [Fact]
    public async Task ATeacherFileGoesUpAndComesBackByteForByte()
    {
        var teacher = Path.Combine(cli.Directory, "r50.pth");
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(teacher, bytes);
        var back = Path.Combine(cli.Directory, "back.pth");

        Assert.Equal(ExitCodes.Done, await Data("push", "r50", "--teacher", teacher));
        Assert.Contains("path: teachers/r50", cli.Messages, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Done, await Data("pull", "r50", "--teacher", back));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(back));
        Assert.Equal(ExitCodes.BadInput, await Data("push", "r50", "--teacher", teacher));
        Assert.Contains("'teachers/r50' already exists", cli.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATruncatedRecIsRefusedAndNothingIsStoredUnderItsName()
    {
        var rec = WriteRec("train", images: 10);
        var bytes = await File.ReadAllBytesAsync(rec);
        // Past the three identity records (40 bytes each), into the last image record.
        await File.WriteAllBytesAsync(rec, bytes[..(bytes.Length - 3 * 40 - 20)]);

        var exitCode = await Data("ingest", rec, "--name", "pool", "--format", "rec", "--size", $"{Size}", "--shard-size", "4", "--store", "cluster");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("truncated", cli.Messages, StringComparison.Ordinal);
        Assert.Empty(await StoredKeysAsync());
    }

    [Fact]
    public async Task UnknownNamesAreRefusedNamingWhereTheyWereLookedFor()
    {
        Assert.Equal(ExitCodes.BadInput, await Data("pull", "nope"));
        Assert.Contains("there is no data set 'nope'", cli.Messages, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, await Data("pull", "nope", "--teacher", Path.Combine(cli.Directory, "t.pth")));
        Assert.Contains("there is no teacher 'nope'", cli.Messages, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, await Data("push", "nope"));
        Assert.Contains("ingest it first", cli.Messages, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Directory, "t.pth")));
    }

    [Fact]
    public async Task TheClustersStoreWithoutAConnectionStringNamesTheVariable()
    {
        // The silos' variable is the default; a machine that sets it is not the case under test.
        Assert.Null(Environment.GetEnvironmentVariable(StoreOptions.ConnectionStringVariable));

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("data", "list", "--store", "cluster"));

        Assert.Contains($"set ${StoreOptions.ConnectionStringVariable} as for the silos", cli.Messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest", "a/b")]
    [InlineData("push", "..")]
    [InlineData("pull", "_x")]
    public async Task ANameASpecCouldNotUseIsRefused(string command, string name)
    {
        string[] args = command == "ingest" ? ["ingest", WriteRec("train", images: 2), "--name", name, "--format", "rec", "--size", $"{Size}", "--store", "cluster"] : [command, name];

        Assert.Equal(ExitCodes.BadInput, await Data(args));

        Assert.Contains($"'{name}' is not a valid name", cli.Messages, StringComparison.Ordinal);
        Assert.Empty(await StoredKeysAsync());
    }

    [Fact]
    public async Task AnUnreachableStoreIsNamedWithoutItsKey()
    {
        var closed = CliRun.FreePort();
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};BlobEndpoint=http://127.0.0.1:{closed}/{AzuriteFixture.AccountName};";

        var exitCode = await cli.RunAsync("data", "ingest", WriteRec("train", images: 2), "--name", "pool", "--format", "rec", "--size", $"{Size}",
            "--store", "cluster", "--container", container, "--connection-string", unreachable);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"storage is unavailable at http://127.0.0.1:{closed}/", cli.Messages, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, cli.Messages, StringComparison.Ordinal);
    }

    private Task<int> Data(params string[] args) =>
        cli.RunAsync(["data", .. args, "--container", container, "--connection-string", azurite.ConnectionString]);

    private Task<List<string>> StoredKeysAsync() => new AzureBlobArtifactStore(azurite.ConnectionString, container).ListAsync("").ToListAsync().AsTask();

    /// <summary>An InsightFace-style .rec: a header record, images of identity i mod 3, identity records.</summary>
    private string WriteRec(string name, int images)
    {
        var rec = Path.Combine(cli.Directory, $"{name}.rec");
        using var writer = new RecordIoWriter(rec, Path.ChangeExtension(rec, ".idx"));
        writer.Write(0, RecordIoWriter.Pack([images + 1, images + 4], []));
        for (var i = 0; i < images; i++)
        {
            writer.Write(i + 1, RecordIoWriter.Pack([i % 3], Png(i)));
        }
        for (var identity = 0; identity < 3; identity++)
        {
            writer.Write(images + 1 + identity, RecordIoWriter.Pack([1, 2], []));
        }
        return rec;
    }

    private static byte[] Png(int seed)
    {
        using var bitmap = new SKBitmap(Size, Size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(new SKColor((byte)(seed * 20), (byte)(255 - seed * 20), 128));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
