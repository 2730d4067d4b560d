using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class ImageFolderReaderTests
{
    private const int Size = 8;

    public ImageFolderReaderTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void SubFoldersAreIdentitiesLabeledInNameOrderAndCorruptImagesAreCounted()
    {
        using var folder = new TempFolder();
        folder.Write("zoe/1.png", TestImages.Png(Size, 1));
        folder.Write("anna/b.png", TestImages.Png(Size, 2));
        folder.Write("anna/a.png", TestImages.Png(Size, 3));
        folder.Write("anna/broken.jpg", [0xff, 0xd8, 0xff, 0x00, 0x01]);
        folder.Write("anna/notes.txt", "not an image"u8.ToArray());
        folder.Write("mia/x.PNG", TestImages.Png(Size, 4));
        folder.Write("stray.png", TestImages.Png(Size, 5));

        using var read = ImageFolderReader.Read(folder.Path, Size);

        Assert.True(read.Faces.HasLabels);
        Assert.Equal([0L, 0L, 1L, 2L], read.Faces.Labels!.data<long>().ToArray());
        Assert.Equal(TestImages.ChannelFirst(Size, 3), read.Faces.Images[0].bytes.ToArray());
        Assert.Equal(TestImages.ChannelFirst(Size, 1), read.Faces.Images[3].bytes.ToArray());
        Assert.Equal(4, read.Report.ImagesRead);
        Assert.Equal(2, read.Report.Skipped.Count);
        Assert.Contains(read.Report.Skipped, s => s.Item == "stray.png" && s.Reason.Contains("outside any identity folder"));
        Assert.Contains(read.Report.Skipped, s => s.Item == Path.Combine("anna", "broken.jpg"));
        Assert.Equal(["anna", "mia", "zoe"], new ImageFolderReader(folder.Path, Size).IdentityNames);
    }

    [Fact]
    public void AFlatFolderIsAnUnlabeledPool()
    {
        using var folder = new TempFolder();
        folder.Write("b.png", TestImages.Png(Size, 1));
        folder.Write("a.png", TestImages.Png(Size, 2));
        folder.Write(".hidden.png", TestImages.Png(Size, 3));

        using var read = ImageFolderReader.Read(folder.Path, Size);

        Assert.False(read.Faces.HasLabels);
        Assert.Equal(2, read.Faces.Count);
        Assert.Equal(TestImages.ChannelFirst(Size, 2), read.Faces.Images[0].bytes.ToArray());
    }

    [Fact]
    public void AMissingFolderOrAnEmptySetNamesThePath()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nowhere");
        var notFound = Assert.Throws<DirectoryNotFoundException>(() => ImageFolderReader.Read(missing, Size));
        Assert.Contains(missing, notFound.Message);

        folder.Write("only/broken.png", [1, 2, 3]);
        var empty = Assert.Throws<InvalidDataException>(() => ImageFolderReader.Read(folder.Path, Size));
        Assert.Contains(folder.Path, empty.Message);
        Assert.Contains("1 skipped", empty.Message);
    }
}
