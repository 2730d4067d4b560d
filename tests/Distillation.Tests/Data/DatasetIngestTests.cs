using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class DatasetIngestTests
{
    private const int Size = 8;

    public DatasetIngestTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void AFolderBecomesShardsOfAtMostMImagesThatReadBackAsTheWholeSet()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 7; i++)
        {
            folder.Write(Path.Combine("faces", $"id{i % 2}", $"{i}.png"), TestImages.Png(Size, i));
        }
        folder.Write(Path.Combine("faces", "id1", "bad.png"), [0x89, 0x50]);
        var source = new ImageFolderReader(Path.Combine(folder.Path, "faces"), Size);
        var shardFolder = Path.Combine(folder.Path, "shards");

        var result = DatasetIngest.WriteShardsToFolder(source, shardFolder, maxImagesPerShard: 3);

        Assert.Equal([3, 3, 1], result.Shards.Select(s => s.Count));
        Assert.Equal(7, result.Report.ImagesRead);
        Assert.Single(result.Report.Skipped);
        Assert.Equal(["shard-00000.fks", "shard-00001.fks", "shard-00002.fks"], Directory.GetFiles(shardFolder).Select(Path.GetFileName).Order());

        using var scope = torch.NewDisposeScope();
        using var whole = source.ReadAll();
        var images = new List<torch.Tensor>();
        var labels = new List<torch.Tensor>();
        for (var i = 0; i < 3; i++)
        {
            using var stream = File.OpenRead(Path.Combine(shardFolder, DatasetIngest.ShardFileName(i)));
            var content = FaceShard.Read(stream);
            Assert.Equal(result.Shards[i].ContentHash, content.ContentHash);
            images.Add(content.Faces.Images);
            labels.Add(content.Faces.Labels!);
        }
        Assert.True(torch.cat(images).Equals(whole.Faces.Images));
        Assert.True(torch.cat(labels).Equals(whole.Faces.Labels!));
    }

    [Fact]
    public void AFaceSetInMemoryIsCutIntoShardsThroughTheCallback()
    {
        using var faces = FaceShardTests.RandomFaces(5, Size, labeled: false);
        var streams = new Dictionary<int, MemoryStream>();

        var shards = DatasetIngest.WriteShards(faces, 2, index => streams[index] = new MemoryStream());

        Assert.Equal([2, 2, 1], shards.Select(s => s.Count));
        Assert.Equal(3, streams.Count);
        using var last = FaceShard.Read(new MemoryStream(streams[2].ToArray()));
        Assert.True(last.Faces.Images.Equals(faces.Images[4..5]));
        Assert.False(last.Faces.HasLabels);
    }

    [Fact]
    public void ASourceWithNothingDecodableWritesNoShardAndSaysWhere()
    {
        using var folder = new TempFolder();
        folder.Write("broken.jpg", [1, 2, 3]);
        var opened = 0;
        var error = Assert.Throws<InvalidDataException>(() =>
            DatasetIngest.WriteShards(new ImageFolderReader(folder.Path, Size), 4, _ => { opened++; return new MemoryStream(); }));
        Assert.Contains(folder.Path, error.Message);
        Assert.Equal(0, opened);
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetIngest.WriteShards(new ImageFolderReader(folder.Path, Size), 0, _ => new MemoryStream()));
    }
}
