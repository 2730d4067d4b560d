using System.Security.Cryptography;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class FaceShardTests
{
    public FaceShardTests() => TorchRuntime.Initialise(cpuThreads: 1);

    internal static FaceSet RandomFaces(int count, int size, bool labeled, long seed = 1)
    {
        using var generator = new torch.Generator((ulong)seed);
        var images = torch.randint(0, 256, [count, 3, size, size], dtype: torch.ScalarType.Byte, generator: generator);
        var labels = labeled ? torch.randint(0, 4, [count], dtype: torch.ScalarType.Int64, generator: generator) : null;
        return new FaceSet(images, labels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AShardReadsBackExactlyWithItsHash(bool labeled)
    {
        using var faces = RandomFaces(5, 8, labeled);
        var stream = new MemoryStream();
        var manifest = FaceShard.Write(stream, faces);
        var bytes = stream.ToArray();

        Assert.Equal(32 + 5 * 3 * 8 * 8 + (labeled ? 5 * 8 : 0) + 32, bytes.Length);
        Assert.Equal("FKDSHARD"u8.ToArray(), bytes[..8]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32))), manifest.ContentHash);

        using var content = FaceShard.Read(new ForwardOnlyStream(bytes));
        Assert.Equal(manifest.ContentHash, content.ContentHash);
        Assert.True(content.Faces.Images.Equals(faces.Images));
        Assert.Equal(labeled, content.Faces.HasLabels);
        if (labeled)
        {
            Assert.True(content.Faces.Labels!.Equals(faces.Labels!));
        }
    }

    [Fact]
    public void TheHashFollowsTheContent()
    {
        using var faces = RandomFaces(4, 8, labeled: true);
        using var same = RandomFaces(4, 8, labeled: true);
        using var other = RandomFaces(4, 8, labeled: true, seed: 2);
        Assert.Equal(FaceShard.Manifest(faces).ContentHash, FaceShard.Manifest(same).ContentHash);
        Assert.NotEqual(FaceShard.Manifest(faces).ContentHash, FaceShard.Manifest(other).ContentHash);
    }

    [Fact]
    public void TruncatedOrCorruptShardsAreInvalidData()
    {
        using var faces = RandomFaces(3, 8, labeled: true);
        var stream = new MemoryStream();
        FaceShard.Write(stream, faces);
        var bytes = stream.ToArray();

        foreach (var cut in new[] { 0, 10, 31, 100, bytes.Length - 40, bytes.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => FaceShard.Read(new MemoryStream(bytes[..cut])));
            var streamed = Assert.Throws<InvalidDataException>(() => FaceShard.Read(new ForwardOnlyStream(bytes[..cut])));
            Assert.Contains("truncated", streamed.Message);
        }

        var flipped = (byte[])bytes.Clone();
        flipped[100] ^= 1;
        Assert.Contains("hash mismatch", Assert.Throws<InvalidDataException>(() => FaceShard.Read(new MemoryStream(flipped))).Message);

        var wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => FaceShard.Read(new MemoryStream(wrongMagic))).Message);

        var hugeCount = (byte[])bytes.Clone();
        hugeCount[19] = 0x7f;
        Assert.Contains("header is corrupt", Assert.Throws<InvalidDataException>(() => FaceShard.Read(new ForwardOnlyStream(hugeCount))).Message);

        var newerVersion = (byte[])bytes.Clone();
        newerVersion[8] = 9;
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => FaceShard.Read(new MemoryStream(newerVersion))).Message);
    }

    /// <summary>A stream that can only be read forward, like a network download.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
