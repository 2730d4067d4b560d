using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceGeneratorTests
{
    public SynthFaceGeneratorTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void SameSeedGivesIdenticalImagesAndAnotherSeedDifferentOnes()
    {
        using var first = Generator(seed: 1).RenderLabeled(0, 2, 3);
        using var again = Generator(seed: 1).RenderLabeled(0, 2, 3);
        using var other = Generator(seed: 2).RenderLabeled(0, 2, 3);

        Assert.True(first.Images.eq(again.Images).all().item<bool>());
        Assert.False(first.Images.eq(other.Images).all().item<bool>());
    }

    [Fact]
    public void AnIdentityIndexIsTheSamePersonWhateverRangeItIsRenderedIn()
    {
        var generator = Generator(seed: 3);
        using var alone = generator.RenderLabeled(7, 1, 2);
        using var inRange = generator.RenderLabeled(5, 4, 2);

        Assert.True(alone.Images.eq(inRange.Images.narrow(0, 4, 2)).all().item<bool>());
    }

    [Theory]
    [InlineData(32)]
    [InlineData(112)]
    public void LabeledSetsHaveTheRequestedShapeTypeAndLabels(int size)
    {
        using var set = Generator(seed: 4, size).RenderLabeled(10, 3, 2);

        Assert.Equal([6L, 3, size, size], set.Images.shape);
        Assert.Equal(ScalarType.Byte, set.Images.dtype);
        Assert.Equal([0L, 0, 1, 1, 2, 2], set.Labels!.data<long>().ToArray());
        // Not a blank canvas: a rendered face spans most of the intensity range.
        Assert.True(set.Images.max().item<byte>() - set.Images.min().item<byte>() > 150);
    }

    [Fact]
    public void TheLabeledPoolIsTheSamePoolLabelledWithItsHiddenIdentities()
    {
        var generator = Generator(seed: 5, size: 16);

        using var hidden = generator.RenderUnlabeledPoolWithIdentities(10, 6, 30, zipfExponent: 1.0);
        using var labeled = generator.RenderLabeledPool(10, 6, 30, zipfExponent: 1.0);

        using var sameImages = labeled.Images.eq(hidden.Faces.Images).all();
        Assert.True(sameImages.item<bool>(), "the labeled pool has other images");
        Assert.Equal(hidden.HiddenIdentities.Select(k => (long)k), labeled.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void ZipfPoolIsImbalancedAsAskedAndExponentZeroIsBalanced()
    {
        var generator = Generator(seed: 5, size: 16);

        using var skewed = generator.RenderUnlabeledPoolWithIdentities(0, 20, 400, zipfExponent: 1.0);
        using var balanced = generator.RenderUnlabeledPoolWithIdentities(0, 20, 400, zipfExponent: 0);

        Assert.False(skewed.Faces.HasLabels);
        Assert.Equal(400, skewed.Faces.Count);
        var counts = skewed.HiddenIdentities.CountBy(k => k).Select(p => p.Value).OrderDescending().ToArray();
        // Zipf(1) over 20 ranks: the top identity gets 400 / H(20) = 111 images, the 20th about 6.
        Assert.InRange(counts[0], 110, 112);
        Assert.InRange(counts[^1], 5, 6);
        Assert.Equal(20, balanced.HiddenIdentities.Distinct().Count());
        Assert.All(balanced.HiddenIdentities.CountBy(k => k), p => Assert.Equal(20, p.Value));
        // The most frequent identity is chosen by a seeded shuffle, not always the first of the range.
        var topIdentities = Enumerable.Range(0, 4).Select(seed =>
            Generator(seed, 16).RenderUnlabeledPoolWithIdentities(0, 20, 60, 2.0)).Select(p =>
            {
                using (p)
                {
                    return p.HiddenIdentities.CountBy(k => k).MaxBy(c => c.Value).Key;
                }
            });
        Assert.True(topIdentities.Distinct().Count() > 1);
    }

    [Fact]
    public void VerificationFollowsTheLfwLayoutWithHardNegativesOnNearestIdentities()
    {
        var generator = Generator(seed: 6, size: 16);

        using var rendered = generator.RenderVerificationWithIdentities(100, 30, pairsPerFold: 20, foldCount: 3);

        var set = rendered.Set;
        Assert.Equal(120, set.PairCount);
        Assert.Equal(3, set.FoldCount);
        Assert.Equal([240L, 3, 16, 16], set.Images.shape);
        for (var pair = 0; pair < set.PairCount; pair++)
        {
            var (a, b) = (rendered.ImageIdentities[2 * pair], rendered.ImageIdentities[2 * pair + 1]);
            Assert.Equal(pair % 40 < 20, set.IsSame[pair]);
            Assert.Equal(set.IsSame[pair], a == b);
            Assert.InRange(a, 0, 29);
            if (rendered.IsHardNegative[pair])
            {
                // The nearest identity within the pair's fold (each fold draws from its own block of 10).
                var block = Enumerable.Range(100 + pair / 40 * 10, 10);
                var nearest = block.Where(k => k != 100 + a).Min(k => generator.IdentityDistance(100 + a, k));
                Assert.Equal(nearest, generator.IdentityDistance(100 + a, 100 + b));
            }
        }
        var hardShare = (double)rendered.IsHardNegative.Count(h => h) / set.IsSame.Count(s => !s);
        Assert.InRange(hardShare, 0.3, 0.7);
        Assert.DoesNotContain(true, Enumerable.Range(0, set.PairCount).Select(p => set.IsSame[p] && rendered.IsHardNegative[p]));
    }

    [Fact]
    public void EveryIdentityOccursInExactlyOneFold()
    {
        // 4 identities a fold and 40 pairs: every identity is drawn.
        using var rendered = Generator(seed: 6, size: 16).RenderVerificationWithIdentities(100, 12, pairsPerFold: 20, foldCount: 3);

        var folds = LfwProtocol.FoldRanges(rendered.Set.PairCount, rendered.Set.FoldCount)
            .Select(fold => rendered.ImageIdentities.Skip(2 * fold.Start).Take(2 * fold.Length).ToHashSet())
            .ToArray();

        Assert.All(Enumerable.Range(0, 12), identity => Assert.Single(folds, identities => identities.Contains(identity)));
        Assert.Equal(12, folds.Sum(identities => identities.Count));
    }

    [Fact]
    public void ThePairSeedChangesWhichPairsAreDrawnAndTheirImages()
    {
        var generator = Generator(seed: 6, size: 16);

        using var first = generator.RenderVerificationWithIdentities(0, 12, 4, 2, pairSeed: 1);
        using var again = generator.RenderVerificationWithIdentities(0, 12, 4, 2, pairSeed: 1);
        using var other = generator.RenderVerificationWithIdentities(0, 12, 4, 2, pairSeed: 2);

        Assert.Equal(first.ImageIdentities, again.ImageIdentities);
        Assert.True(first.Set.Images.eq(again.Set.Images).all().item<bool>());
        Assert.NotEqual(first.ImageIdentities, other.ImageIdentities);
        Assert.False(first.Set.Images.eq(other.Set.Images).all().item<bool>());
    }

    [Fact]
    public void HardNegativeFractionZeroAndOneAreHonoured()
    {
        using var none = Generator(seed: 7, size: 16, hardNegativeFraction: 0).RenderVerificationWithIdentities(0, 10, 5, 2);
        using var all = Generator(seed: 7, size: 16, hardNegativeFraction: 1).RenderVerificationWithIdentities(0, 10, 5, 2);

        Assert.DoesNotContain(true, none.IsHardNegative);
        Assert.Equal(10, all.IsHardNegative.Count(h => h));
    }

    [Fact]
    public void BadArgumentsAreRejectedNamingTheParameter()
    {
        var generator = Generator(seed: 9, size: 16);

        Assert.Equal("identityCount", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderLabeled(0, 0, 1)).ParamName);
        Assert.Equal("firstIdentity", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderLabeled(-1, 2, 1)).ParamName);
        Assert.Equal("imagesPerIdentity", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderLabeled(0, 2, 0)).ParamName);
        Assert.Equal("zipfExponent", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderUnlabeledPool(0, 2, 4, -1)).ParamName);
        Assert.Equal("imageCount", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderUnlabeledPool(0, 2, 0, 1)).ParamName);
        Assert.Equal("identityCount", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderVerification(0, 1, 5, 2)).ParamName);
        Assert.Equal("pairsPerFold", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderVerification(0, 5, 0, 2)).ParamName);
        Assert.Equal("foldCount", Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderVerification(0, 5, 5, 1)).ParamName);
        var tooFewPerFold = Assert.Throws<ArgumentOutOfRangeException>(() => generator.RenderVerification(0, 5, 5, 3));
        Assert.Equal("identityCount", tooFewPerFold.ParamName);
        Assert.Contains("identity-disjoint", tooFewPerFold.Message);
    }

    private static SynthFaceGenerator Generator(long seed, int size = 32, double hardNegativeFraction = 0.5) =>
        new(new SynthFaceOptions(size, seed: seed, hardNegativeFraction: hardNegativeFraction));
}
