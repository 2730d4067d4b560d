using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Augmentation;

public sealed class ContentReplacementTests
{
    private const int Size = 32;

    [Theory]
    [InlineData(FaceRegion.EyesBand)]
    [InlineData(FaceRegion.Nose)]
    [InlineData(FaceRegion.Mouth)]
    [InlineData(FaceRegion.UpperHalf)]
    [InlineData(FaceRegion.LowerHalf)]
    public void OnlyTheRegionChangesAndItHoldsAnotherSamplesRegion(FaceRegion region)
    {
        using var images = TestBatches.RandomBytes(6, Size);
        using var generator = TestBatches.Seeded(1);
        var settings = new AugmentationSettings(AugmentationMethod.ContentReplacement, 1, region);

        using var augmented = AugmentationFactory.Create(settings).Apply(images, generator);

        var box = ContentReplacement.FixedRegionPixels(region, settings.RegionScale, Size);
        using var boxMask = TestBatches.BoxMask(box, Size);
        for (var i = 0; i < 6; i++)
        {
            Assert.NotEqual(-1, TestBatches.PartnerWithBox(images, augmented, i, boxMask));
        }
    }

    [Fact]
    public void RegionsComeFromTheAlignedLayoutScaledByStrength()
    {
        var eyes = ContentReplacement.FixedRegionPixels(FaceRegion.EyesBand, 1, 112);
        Assert.Equal(AlignedFaceLayout.EyesBand.ToPixels(112), eyes);
        var grown = ContentReplacement.FixedRegionPixels(FaceRegion.Nose, 1.25, 112);
        var nose = AlignedFaceLayout.Nose.ToPixels(112);
        Assert.True(grown.X0 < nose.X0 && grown.X1 > nose.X1 && grown.Y0 < nose.Y0 && grown.Y1 > nose.Y1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentReplacement.FixedRegionPixels(FaceRegion.RandomPart, 1, 112));
    }

    [Fact]
    public void AnyFixedPicksOneOfTheFiveRegionsPerSample()
    {
        using var images = TestBatches.RandomBytes(16, Size);
        using var generator = TestBatches.Seeded(3);
        var replacement = new ContentReplacement(1, 1, FaceRegion.AnyFixed);

        using var augmented = replacement.Apply(images, generator);

        var fixedRegions = new[] { FaceRegion.EyesBand, FaceRegion.Nose, FaceRegion.Mouth, FaceRegion.UpperHalf, FaceRegion.LowerHalf };
        var used = new HashSet<FaceRegion>();
        for (var i = 0; i < 16; i++)
        {
            var match = fixedRegions.Where(r =>
            {
                using var mask = TestBatches.BoxMask(ContentReplacement.FixedRegionPixels(r, 1, Size), Size);
                return TestBatches.PartnerWithBox(images, augmented, i, mask) >= 0;
            }).ToList();
            Assert.Single(match);
            used.Add(match[0]);
        }
        Assert.True(used.Count >= 3, $"16 draws used only {used.Count} of the five regions");
    }

    [Fact]
    public void RandomPartIsASquareInsideTheFaceTakenFromAPartner()
    {
        using var images = TestBatches.RandomBytes(8, Size);
        using var generator = TestBatches.Seeded(5);
        const double scale = 1.25;
        using var augmented = new ContentReplacement(1, scale, FaceRegion.RandomPart).Apply(images, generator);

        var sidePixels = AugmentationSettings.RandomPartSide * scale * Size;
        for (var i = 0; i < 8; i++)
        {
            using var changed = augmented[i].ne(images[i]).any(0);
            var rows = changed.any(1).nonzero().flatten().data<long>().ToArray();
            var columns = changed.any(0).nonzero().flatten().data<long>().ToArray();
            var box = ((int)columns.Min(), (int)rows.Min(), (int)columns.Max() + 1, (int)rows.Max() + 1);
            Assert.InRange(box.Item3 - box.Item1, 1, (int)Math.Ceiling(sidePixels) + 1);
            Assert.InRange(box.Item4 - box.Item2, 1, (int)Math.Ceiling(sidePixels) + 1);
            // Centred inside the face box (eyes band to mouth), so its centre lies there.
            Assert.InRange((box.Item1 + box.Item3) / 2.0 / Size, AlignedFaceLayout.EyesBand.Left - 0.1, AlignedFaceLayout.EyesBand.Right + 0.1);
            Assert.InRange((box.Item2 + box.Item4) / 2.0 / Size, AlignedFaceLayout.EyesBand.Top - 0.1, AlignedFaceLayout.Mouth.Bottom + 0.1);
            using var mask = TestBatches.BoxMask(box, Size);
            Assert.NotEqual(-1, TestBatches.PartnerWithBox(images, augmented, i, mask));
        }
    }

    [Fact]
    public void ProbabilitySetsTheShareOfReplacedSamples()
    {
        using var images = TestBatches.RandomBytes(400, 8);
        using var generator = TestBatches.Seeded(11);
        using var augmented = new ContentReplacement(0.3, 1.25, FaceRegion.UpperHalf).Apply(images, generator);

        using var changedPerSample = augmented.ne(images).flatten(1).any(1);
        var share = changedPerSample.sum().item<long>() / 400.0;
        Assert.InRange(share, 0.22, 0.38);
    }

    [Fact]
    public void ABatchOfOneHasNoPartnerAndStaysAsItIs()
    {
        using var images = TestBatches.RandomBytes(1, Size);
        using var generator = TestBatches.Seeded(2);
        using var augmented = new ContentReplacement(1, 1, FaceRegion.Mouth).Apply(images, generator);
        Assert.True(augmented.Equals(images));
    }

    [Fact]
    public void FloatBatchesGetExactlyTheSameReplacementAsBytes()
    {
        using var images = TestBatches.RandomBytes(6, Size);
        using var asFloat = FaceTensors.ToModelInput(images, torch.CPU);
        var replacement = new ContentReplacement(0.7, 1.1, FaceRegion.AnyFixed);

        using var fromBytes = replacement.Apply(images, TestBatches.Seeded(9));
        using var fromFloat = replacement.Apply(asFloat, TestBatches.Seeded(9));

        Assert.Equal(torch.ScalarType.Float32, fromFloat.dtype);
        using var expected = FaceTensors.ToModelInput(fromBytes, torch.CPU);
        Assert.True(fromFloat.Equals(expected));
    }

    [Fact]
    public void InvalidArgumentsNameTheParameter()
    {
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new ContentReplacement(1.5, 1, FaceRegion.Nose)).ParamName);
        Assert.Equal("regionScale", Assert.Throws<ArgumentOutOfRangeException>(() => new ContentReplacement(0.5, 0, FaceRegion.Nose)).ParamName);
        Assert.Equal("region", Assert.Throws<ArgumentOutOfRangeException>(() => new ContentReplacement(0.5, 1, (FaceRegion)9)).ParamName);

        using var notABatch = torch.zeros(3, 32, 32, dtype: torch.ScalarType.Byte);
        using var generator = TestBatches.Seeded(1);
        var error = Assert.Throws<ArgumentException>(() => new ContentReplacement(0.5, 1, FaceRegion.Nose).Apply(notABatch, generator));
        Assert.Equal("images", error.ParamName);
    }
}
