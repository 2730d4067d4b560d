using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class LfwPairsReaderTests
{
    private const int Size = 8;

    public LfwPairsReaderTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void PairsFollowTheFileWithFoldsFromTheHeader()
    {
        using var folder = new TempFolder();
        var images = WriteLfwImages(folder);
        var pairs = folder.Write("pairs.txt", """
            2	1
            Ann_Lee	1	2
            Ann_Lee	1	Bo_Chan	1
            Bo_Chan	1	2
            Bo_Chan	2	Ann_Lee	2
            """u8.ToArray());

        using var set = LfwPairsReader.Read(pairs, Path.Combine(folder.Path, "lfw"), Size, ".png");

        Assert.Equal([true, false, true, false], set.IsSame);
        Assert.Equal(2, set.FoldCount);
        string[] expected = ["Ann_Lee_1", "Ann_Lee_2", "Ann_Lee_1", "Bo_Chan_1", "Bo_Chan_1", "Bo_Chan_2", "Bo_Chan_2", "Ann_Lee_2"];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(TestImages.ChannelFirst(Size, images[expected[i]]), set.Images[i].bytes.ToArray());
        }
    }

    [Fact]
    public void WrongCountsBadLinesAndMissingImagesAreNamed()
    {
        using var folder = new TempFolder();
        WriteLfwImages(folder);
        var lfw = Path.Combine(folder.Path, "lfw");

        var shortFile = folder.Write("short.txt", "2\t1\nAnn_Lee\t1\t2\n"u8.ToArray());
        Assert.Contains("1 pair lines follow", Assert.Throws<InvalidDataException>(() => LfwPairsReader.Read(shortFile, lfw, Size, ".png")).Message);

        var badLine = folder.Write("bad.txt", "1\t1\nAnn_Lee\t1\t2\nAnn_Lee\tx\tBo_Chan\t1\n"u8.ToArray());
        var bad = Assert.Throws<InvalidDataException>(() => LfwPairsReader.Read(badLine, lfw, Size, ".png"));
        Assert.Contains("line 3", bad.Message);

        var badHeader = folder.Write("header.txt", "ten folds\n"u8.ToArray());
        Assert.Contains("first line", Assert.Throws<InvalidDataException>(() => LfwPairsReader.Read(badHeader, lfw, Size, ".png")).Message);

        var missingImage = folder.Write("missing.txt", "1\t1\nAnn_Lee\t1\t3\nAnn_Lee\t1\tBo_Chan\t1\n"u8.ToArray());
        var missing = Assert.Throws<FileNotFoundException>(() => LfwPairsReader.Read(missingImage, lfw, Size, ".png"));
        Assert.EndsWith(Path.Combine("Ann_Lee", "Ann_Lee_0003.png"), missing.FileName);
        Assert.Contains("line 2", missing.Message);
    }

    private static Dictionary<string, int> WriteLfwImages(TempFolder folder)
    {
        var seeds = new Dictionary<string, int> { ["Ann_Lee_1"] = 1, ["Ann_Lee_2"] = 2, ["Bo_Chan_1"] = 3, ["Bo_Chan_2"] = 4 };
        foreach (var (name, seed) in seeds)
        {
            var person = name[..^2];
            folder.Write(Path.Combine("lfw", person, $"{person}_{int.Parse(name[^1..]):D4}.png"), TestImages.Png(Size, seed));
        }
        return seeds;
    }
}
