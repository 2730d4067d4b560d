using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Tests.Azurite;
using FaceKdGrid.Distillation.Tests.Storage;
using FaceKdGrid.TestSupport.Azurite;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

/// <summary>
/// <see cref="DatasetArtifacts.IngestFacesAsync"/> and <see cref="DatasetArtifacts.CopyAsync"/> against a real Azurite
/// and a local folder: what the silos read back, how far the source is read ahead, and what a failure leaves behind.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StreamingIngestTests : IDisposable
{
    private const int Size = 8;
    private const int Images = 10;
    private const int ShardSize = 4;

    private readonly TempFolder folder = new();
    private readonly IArtifactStore azure;

    public StreamingIngestTests(AzuriteFixture azurite)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        azure = new AzureBlobArtifactStore(azurite.ConnectionString, $"test-{Guid.NewGuid():N}");
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ARecIngestedIntoAzureReadsBackAsALocalIngestDoes()
    {
        var rec = WriteRec("train", Images);
        var local = new LocalFolderArtifactStore(Path.Combine(folder.Path, "local"));

        var (inAzure, report) = await DatasetArtifacts.IngestFacesAsync(azure, "pool", new RecordIoReader(rec, Size), ShardSize);
        var (inFolder, _) = await DatasetArtifacts.IngestFacesAsync(local, "pool", new RecordIoReader(rec, Size), ShardSize);

        Assert.Equal(Images, report.ImagesRead);
        Assert.Equal([4, 4, 2], inAzure.Shards.Select(s => s.Manifest.Count));
        Assert.Equal(inFolder.Shards.Select(s => s.Manifest), inAzure.Shards.Select(s => s.Manifest));
        var fromAzure = await DatasetArtifacts.ReadFacesAsync(azure, (await DatasetArtifacts.TryReadIndexAsync(azure, "pool"))!);
        var fromFolder = await DatasetArtifacts.ReadFacesAsync(local, (await DatasetArtifacts.TryReadIndexAsync(local, "pool"))!);
        using var scope = torch.NewDisposeScope();
        Assert.True(torch.cat(fromAzure.Select(f => f.Images).ToList()).Equals(torch.cat(fromFolder.Select(f => f.Images).ToList())));
        Assert.Equal(Enumerable.Range(0, Images).Select(i => (long)(i % 3)), torch.cat(fromAzure.Select(f => f.Labels!).ToList()).data<long>().ToArray());
        Assert.Equal(TestImages.ChannelFirst(Size, 5), fromAzure[1].Images[1].bytes.ToArray());
    }

    [Fact]
    public async Task TheSourceIsReadNoFurtherThanTheShardBeingWritten()
    {
        var source = new CountingSource(new RecordIoReader(WriteRec("train", Images), Size));
        var observed = new List<int>();

        await DatasetArtifacts.IngestFacesAsync(azure, "pool", source, ShardSize, shardStored: _ => observed.Add(source.Yielded));

        // When shard i is stored, the source has given exactly the faces of shards 0..i: none of the next shard's.
        Assert.Equal([4, 8, 10], observed);
    }

    [Fact]
    public async Task ATruncatedRecFailsAndLeavesTheStoredSetAsItWas()
    {
        var (before, _) = await DatasetArtifacts.IngestFacesAsync(azure, "pool", new RecordIoReader(WriteRec("good", 3), Size), ShardSize);
        var rec = WriteRec("train", Images);
        var bytes = await File.ReadAllBytesAsync(rec);
        // Past the three identity records (40 bytes each), into the last image record.
        await File.WriteAllBytesAsync(rec, bytes[..(bytes.Length - 3 * 40 - 20)]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DatasetArtifacts.IngestFacesAsync(azure, "pool", new RecordIoReader(rec, Size), ShardSize));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DatasetArtifacts.TryReadIndexAsync(azure, "pool"), IndexComparer.Instance);
        // The two full shards written before the damaged record are gone again.
        Assert.Equal(before.Shards.Select(s => s.Key).Append(DatasetArtifacts.IndexKey("pool")).Order(StringComparer.Ordinal),
            (await azure.ListAsync("datasets/pool/").ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ACorruptImageRecordIsSkippedAndCounted()
    {
        var rec = Path.Combine(folder.Path, "train.rec");
        using (var writer = new RecordIoWriter(rec, Path.ChangeExtension(rec, ".idx")))
        {
            writer.Write(0, RecordIoWriter.Pack([0], TestImages.Png(Size, 0)));
            writer.Write(1, RecordIoWriter.Pack([1], [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
            writer.Write(2, RecordIoWriter.Pack([1], TestImages.Png(Size, 2)));
        }

        var (index, report) = await DatasetArtifacts.IngestFacesAsync(azure, "pool", new RecordIoReader(rec, Size), ShardSize);

        Assert.Equal(2, index.Count);
        Assert.Equal("record 1", Assert.Single(report.Skipped).Item);
    }

    [Fact]
    public async Task PushThenPullGivesBackTheSameSetAndAReplacedSetLeavesNoShards()
    {
        var source = new LocalFolderArtifactStore(Path.Combine(folder.Path, "source"));
        var pulled = new LocalFolderArtifactStore(Path.Combine(folder.Path, "pulled"));
        var (original, _) = await DatasetArtifacts.IngestFacesAsync(source, "pool", new RecordIoReader(WriteRec("train", Images), Size), ShardSize);
        await DatasetArtifacts.IngestFacesAsync(azure, "pool", new RecordIoReader(WriteRec("other", 3), Size), ShardSize);

        await DatasetArtifacts.CopyAsync(source, azure, "pool");
        await DatasetArtifacts.CopyAsync(azure, pulled, "pool");

        Assert.Equal(original, await DatasetArtifacts.TryReadIndexAsync(pulled, "pool"), IndexComparer.Instance);
        Assert.Equal(original.Shards.Select(s => s.Key).Append(DatasetArtifacts.IndexKey("pool")).Order(StringComparer.Ordinal),
            (await azure.ListAsync("datasets/pool/").ToListAsync()).Order(StringComparer.Ordinal));
        foreach (var shard in original.Shards)
        {
            Assert.Equal(await source.GetInfoAsync(shard.Key), await pulled.GetInfoAsync(shard.Key));
        }
        Assert.Equal(Images, (await DatasetArtifacts.ReadFacesAsync(pulled, original)).Sum(f => f.Count));
    }

    [Fact]
    public async Task ACopyOfADamagedShardFailsNamingItAndPublishesNothing()
    {
        var source = new LocalFolderArtifactStore(Path.Combine(folder.Path, "source"));
        var (index, _) = await DatasetArtifacts.IngestFacesAsync(source, "pool", new RecordIoReader(WriteRec("train", Images), Size), ShardSize);
        var damaged = Path.Combine(folder.Path, "source", index.Shards[1].Key);
        var bytes = await File.ReadAllBytesAsync(damaged);
        bytes[100] ^= 0xff;
        await File.WriteAllBytesAsync(damaged, bytes);

        var error = await Assert.ThrowsAsync<ArtifactCorruptException>(() => DatasetArtifacts.CopyAsync(source, azure, "pool"));

        Assert.Equal(index.Shards[1].Key, error.Key);
        Assert.Empty(await azure.ListAsync("datasets/").ToListAsync());
    }

    [Fact]
    public async Task AFileGoesUpAndComesBackCheckedAndADamagedDownloadIsNotKept()
    {
        var teacher = folder.Write("teacher.pth", TestContent.Bytes(300_000));
        var info = await ArtifactCopy.FromFileAsync(teacher, azure, "teachers/r50");
        var back = Path.Combine(folder.Path, "back.pth");

        await ArtifactCopy.ToFileAsync(azure, "teachers/r50", back);

        Assert.Equal(await File.ReadAllBytesAsync(teacher), await File.ReadAllBytesAsync(back));
        Assert.Equal(300_000, info.Length);
        var local = new LocalFolderArtifactStore(Path.Combine(folder.Path, "store"));
        await ArtifactCopy.FromFileAsync(teacher, local, "teachers/r50");
        var stored = Path.Combine(folder.Path, "store", "teachers", "r50");
        await File.WriteAllBytesAsync(stored, TestContent.Bytes(300_000, seed: 2));
        var target = Path.Combine(folder.Path, "damaged.pth");
        await Assert.ThrowsAsync<ArtifactCorruptException>(() => ArtifactCopy.ToFileAsync(local, "teachers/r50", target));
        Assert.Equal([Path.Combine(folder.Path, "back.pth"), Path.Combine(folder.Path, "teacher.pth")], Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal));
    }

    /// <summary>A .rec with a header record, as InsightFace ships them: image i is pattern i, identity i mod 3.</summary>
    private string WriteRec(string name, int images)
    {
        var rec = Path.Combine(folder.Path, $"{name}.rec");
        using var writer = new RecordIoWriter(rec, Path.ChangeExtension(rec, ".idx"));
        writer.Write(0, RecordIoWriter.Pack([images + 1, images + 4], []));
        for (var i = 0; i < images; i++)
        {
            writer.Write(i + 1, RecordIoWriter.Pack([i % 3], TestImages.Png(Size, i)));
        }
        for (var identity = 0; identity < 3; identity++)
        {
            writer.Write(images + 1 + identity, RecordIoWriter.Pack([1, 2], []));
        }
        return rec;
    }

    /// <summary>Counts the faces a source has given so far.</summary>
    private sealed class CountingSource(IFaceSource inner) : IFaceSource
    {
        public int Yielded { get; private set; }

        public string Location => inner.Location;

        public int ImageSize => inner.ImageSize;

        public bool HasLabels => inner.HasLabels;

        public IEnumerable<FaceSample> ReadFaces(IngestReport report)
        {
            foreach (var sample in inner.ReadFaces(report))
            {
                Yielded++;
                yield return sample;
            }
        }
    }

    /// <summary>Indexes hold lists, which records compare by reference.</summary>
    private sealed class IndexComparer : IEqualityComparer<StoredDatasetIndex?>
    {
        public static readonly IndexComparer Instance = new();

        public bool Equals(StoredDatasetIndex? x, StoredDatasetIndex? y) =>
            x is not null && y is not null && x with { Shards = [] } == y with { Shards = [] } && x.Shards.SequenceEqual(y.Shards);

        public int GetHashCode(StoredDatasetIndex? index) => index?.DatasetId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
