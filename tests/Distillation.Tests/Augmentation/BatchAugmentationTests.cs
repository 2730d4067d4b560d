using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Augmentation;

/// <summary>Properties every augmentation method must have.</summary>
public sealed class BatchAugmentationTests
{
    private const int Size = 32;

    public static TheoryData<AugmentationMethod> Methods => [AugmentationMethod.ContentReplacement, AugmentationMethod.Cutout, AugmentationMethod.CutMix];

    [Theory]
    [MemberData(nameof(Methods))]
    public void StrengthZeroChangesNothing(AugmentationMethod method)
    {
        using var images = TestBatches.RandomBytes(8, Size);
        using var augmented = AugmentationFactory.Create(new AugmentationSettings(method, 0)).Apply(images, TestBatches.Seeded(1));
        Assert.True(augmented.Equals(images));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void StrengthOneChangesEverySample(AugmentationMethod method)
    {
        using var images = TestBatches.RandomBytes(8, Size);
        using var augmented = AugmentationFactory.Create(new AugmentationSettings(method, 1)).Apply(images, TestBatches.Seeded(1));
        using var changed = augmented.ne(images).flatten(1).any(1);
        Assert.Equal(8, changed.sum().item<long>());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void TheSameSeedRepeatsAndAnotherSeedDiffers(AugmentationMethod method)
    {
        using var images = TestBatches.RandomBytes(8, Size);
        var augmentation = AugmentationFactory.Create(new AugmentationSettings(method, 0.8));
        using var first = augmentation.Apply(images, TestBatches.Seeded(21));
        using var again = augmentation.Apply(images, TestBatches.Seeded(21));
        using var other = augmentation.Apply(images, TestBatches.Seeded(22));
        Assert.True(first.Equals(again));
        Assert.False(first.Equals(other));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void TheInputIsLeftUnchangedAndTheResultIsNew(AugmentationMethod method)
    {
        using var images = TestBatches.RandomBytes(4, Size);
        using var before = images.clone();
        using var augmented = AugmentationFactory.Create(new AugmentationSettings(method, 1)).Apply(images, TestBatches.Seeded(4));
        Assert.True(images.Equals(before));
        augmented.zero_();
        Assert.True(images.Equals(before));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void FloatBatchesKeepDtypeAndShape(AugmentationMethod method)
    {
        using var images = TestBatches.RandomBytes(4, Size);
        using var asFloat = FaceTensors.ToModelInput(images, torch.CPU);
        using var augmented = AugmentationFactory.Create(new AugmentationSettings(method, 1)).Apply(asFloat, TestBatches.Seeded(4));
        Assert.Equal(torch.ScalarType.Float32, augmented.dtype);
        Assert.Equal(asFloat.shape, augmented.shape);
        Assert.False(augmented.Equals(asFloat));
        Assert.True(augmented.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void NoneCopiesTheBatch()
    {
        using var images = TestBatches.RandomBytes(3, Size);
        using var copy = AugmentationFactory.Create(new AugmentationSettings(AugmentationMethod.None, 1)).Apply(images, TestBatches.Seeded(1));
        Assert.True(copy.Equals(images));
        copy.zero_();
        Assert.False(copy.Equals(images));
    }

    [Fact]
    public void CutoutFillsOneSquareWithTheImagesRoundedChannelMean()
    {
        using var images = TestBatches.RandomBytes(5, Size);
        const double side = 0.4;
        using var augmented = new Cutout(1, side).Apply(images, TestBatches.Seeded(8));

        using var means = images.to_type(torch.ScalarType.Float32).mean([2, 3]).round_().to_type(torch.ScalarType.Byte);
        for (var i = 0; i < 5; i++)
        {
            using var changed = augmented[i].ne(images[i]).any(0);
            var rows = changed.any(1).nonzero().flatten().data<long>().ToArray();
            var columns = changed.any(0).nonzero().flatten().data<long>().ToArray();
            Assert.InRange(rows.Max() - rows.Min() + 1, 1, (long)Math.Ceiling(side * Size) + 1);
            Assert.InRange(columns.Max() - columns.Min() + 1, 1, (long)Math.Ceiling(side * Size) + 1);
            using var box = augmented[i][.., (int)rows.Min()..((int)rows.Max() + 1), (int)columns.Min()..((int)columns.Max() + 1)];
            using var fill = means[i].view(3, 1, 1).expand_as(box);
            Assert.True(box.Equals(fill));
        }
    }

    [Fact]
    public void CutMixPastesABoxFromAnotherSample()
    {
        using var images = TestBatches.RandomBytes(6, Size);
        using var augmented = new CutMix(1, 0.5).Apply(images, TestBatches.Seeded(13));
        for (var i = 0; i < 6; i++)
        {
            using var changed = augmented[i].ne(images[i]).any(0);
            var rows = changed.any(1).nonzero().flatten().data<long>().ToArray();
            var columns = changed.any(0).nonzero().flatten().data<long>().ToArray();
            var box = ((int)columns.Min(), (int)rows.Min(), (int)columns.Max() + 1, (int)rows.Max() + 1);
            Assert.True((box.Item3 - box.Item1) * (box.Item4 - box.Item2) <= 0.5 * Size * Size + 2 * Size);
            using var mask = TestBatches.BoxMask(box, Size);
            Assert.NotEqual(-1, TestBatches.PartnerWithBox(images, augmented, i, mask));
        }
    }

    [Fact]
    public void BoxAugmentationsValidateTheirKnobs()
    {
        Assert.Equal("side", Assert.Throws<ArgumentOutOfRangeException>(() => new Cutout(0.5, 0)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new Cutout(double.NaN, 0.3)).ParamName);
        Assert.Equal("maxArea", Assert.Throws<ArgumentOutOfRangeException>(() => new CutMix(0.5, 1.5)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new CutMix(-1, 0.5)).ParamName);
    }
}
