using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using SkiaSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class ContactSheetTests
{
    /// <summary>Where the sheets of every level and size land, for people to look at (4 identities x 4 images each).</summary>
    private static readonly string SheetFolder = Path.Combine(Path.GetTempPath(), "synthface-sheets");

    public ContactSheetTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Theory]
    [InlineData("easy", 32)]
    [InlineData("standard", 32)]
    [InlineData("hard", 32)]
    [InlineData("easy", 112)]
    [InlineData("standard", 112)]
    [InlineData("hard", 112)]
    public void SheetsOfEveryLevelAreWrittenAsEnlargedPngs(string level, int size)
    {
        var generator = new SynthFaceGenerator(new SynthFaceOptions(size, SynthFaceDifficulty.Parse(level), seed: 1));
        using var faces = generator.RenderLabeled(0, 4, 4);
        var path = Path.Combine(SheetFolder, $"{level}-{size}.png");

        ContactSheet.Write(faces.Images, path, columns: 4);

        using var sheet = SKBitmap.Decode(path);
        var tile = size < 96 ? size * 3 : size;
        Assert.Equal(4 * (tile + 2) + 2, sheet.Width);
        Assert.Equal(4 * (tile + 2) + 2, sheet.Height);
        // Top-left pixel of the first tile is the first image's top-left pixel, enlarged without smoothing.
        var expected = faces.Images[0, TensorIndex.Colon, 0, 0].data<byte>().ToArray();
        var pixel = sheet.GetPixel(2, 2);
        Assert.Equal(expected, new[] { pixel.Red, pixel.Green, pixel.Blue });
    }

    [Fact]
    public void NonImageTensorsAreRejected()
    {
        using var floats = zeros(2, 3, 8, 8);
        var error = Assert.Throws<ArgumentException>(() => ContactSheet.Write(floats, Path.Combine(SheetFolder, "bad.png"), 2));
        Assert.Equal("images", error.ParamName);
    }
}
