using FaceKdGrid.Distillation.Evaluation;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

public sealed class LfwProtocolTests
{
    [Fact]
    public void PerfectlySeparablePairsScoreOneWithAThresholdInTheGap()
    {
        var similarities = new List<float>();
        var isSame = new List<bool>();
        for (var fold = 0; fold < 10; fold++)
        {
            for (var i = 0; i < 6; i++)
            {
                similarities.Add(0.7f + 0.01f * i);
                isSame.Add(true);
            }
            for (var i = 0; i < 6; i++)
            {
                similarities.Add(0.1f + 0.01f * i);
                isSame.Add(false);
            }
        }

        var result = LfwProtocol.Score(similarities, isSame, 10);

        Assert.Equal(1.0, result.Accuracy, 12);
        Assert.Equal(0.0, result.AccuracyStd, 12);
        Assert.Equal(1.0, result.Tar, 12);
        Assert.Equal(0.2, result.Far);
        Assert.InRange(result.Threshold, 0.15, 0.7);
    }

    [Fact]
    public void AModelThatMapsEveryFaceToOneDirectionScoresChanceNotRoundingNoise()
    {
        // Every similarity 1 ± 1e-7, as float32 cosines of one direction come out: the order of the pairs is noise.
        var noise = new Random(7);
        var isSame = Enumerable.Range(0, 400).Select(i => i % 2 == 0).ToArray();
        var similarities = isSame.Select(_ => 1f + (float)((noise.NextDouble() - 0.5) * 2e-7)).ToArray();

        var result = LfwProtocol.Score(similarities, isSame, 10);

        Assert.Equal(0.5, result.Accuracy, 12);
        Assert.Equal(0.0, result.AccuracyStd, 12);
    }

    [Fact]
    public void HandComputedTwoFoldCase()
    {
        // Each fold: five pairs, then eight mismatched pairs at 0 that every threshold rejects (they bring the
        // mismatched pairs to the 20 a named FAR needs, and move no threshold).
        // Fold A, sorted: .9S .5D .4S .3S .2D -> best cut accepts the top 4: threshold (.3 + .2) / 2.
        // Fold B, sorted: .8S .7D .6S .55S .1D -> best cut accepts the top 4: threshold (.55 + .1) / 2.
        // A scored at B's .325: .9 .4 accepted, .5 false accept, .3 rejected, .2 and the zeros rejected -> 11/13.
        // B scored at A's .25: .8 .6 .55 accepted, .7 false accept, .1 and the zeros rejected -> 12/13.
        var zeros = Enumerable.Repeat(0f, 8).ToArray();
        float[] similarities = [0.9f, 0.4f, 0.3f, 0.5f, 0.2f, .. zeros, 0.8f, 0.6f, 0.55f, 0.7f, 0.1f, .. zeros];
        bool[] isSame = [true, true, true, false, false, .. zeros.Select(_ => false), true, true, true, false, false, .. zeros.Select(_ => false)];

        var result = LfwProtocol.Score(similarities, isSame, 2);

        Assert.Equal(23.0 / 26, result.Accuracy, 6);
        Assert.Equal(1.0 / 26, result.AccuracyStd, 6);
        Assert.Equal((0.325 + 0.25) / 2, result.Threshold, 6);
        // 20 mismatched pairs support FAR = 5e-1: 10 false accepts, so the cut is the 11th highest mismatched (a zero).
        Assert.Equal(0.5, result.Far);
        Assert.Equal(1.0, result.Tar, 12);
    }

    [Fact]
    public void TarAtTheSupportedFarOnAHandMadeExample()
    {
        // 500 mismatched pairs support FAR = 2e-2, which allows 10 false accepts: the cut is the 11th highest mismatched.
        var mismatched = Enumerable.Range(0, 500).Select(i => 0.5f - 0.0005f * i).ToArray();
        float[] matched = [0.9f, mismatched[5], mismatched[9], mismatched[10], 0.3f];
        var similarities = mismatched.Concat(matched).ToArray();
        var isSame = mismatched.Select(_ => false).Concat(matched.Select(_ => true)).ToArray();

        var result = LfwProtocol.Score(similarities, isSame, 2);

        // 0.9 and the matched pairs level with the 6th and 10th mismatched lie above the cut; the 4th ties with it and is rejected.
        Assert.Equal(0.02, result.Far);
        Assert.Equal(0.6, result.Tar, 12);
        Assert.Equal("TAR@FAR=2e-2", result.TarName);
        Assert.Contains(result.Roc, p => Math.Abs(p.FalseAcceptRate - 0.02) < 1e-12 && Math.Abs(p.TrueAcceptRate - 0.6) < 1e-12);
    }

    [Fact]
    public void TarAtFarOneInAThousandNeedsTenThousandMismatchedPairs()
    {
        // 10,000 mismatched pairs allow 10 false accepts at 1e-3: the cut is the 11th highest mismatched similarity.
        var mismatched = Enumerable.Range(0, 10_000).Select(i => 0.5f - 0.00002f * i).ToArray();
        float[] matched = [0.9f, mismatched[9], mismatched[10], 0.3f];
        var similarities = mismatched.Concat(matched).ToArray();
        var isSame = mismatched.Select(_ => false).Concat(matched.Select(_ => true)).ToArray();

        var result = LfwProtocol.Score(similarities, isSame, 2);

        Assert.Equal(0.001, result.Far);
        Assert.Equal("TAR@FAR=1e-3", result.TarName);
        Assert.Equal(0.5, result.Tar, 12);
        Assert.Contains(result.Roc, p => Math.Abs(p.FalseAcceptRate - 0.001) < 1e-12 && Math.Abs(p.TrueAcceptRate - 0.5) < 1e-12);
    }

    [Theory]
    [InlineData(20, 0.5)]
    [InlineData(100, 0.1)]
    [InlineData(499, 0.05)]
    [InlineData(500, 0.02)]
    [InlineData(3000, 0.005)]
    [InlineData(9999, 0.002)]
    [InlineData(10_000, 0.001)]
    [InlineData(2_000_000_000, 5e-9)]
    public void SmallestSupportedFarIsTheLowestLadderStepThatAllowsTenFalseAccepts(int impostorPairs, double far)
    {
        Assert.Equal(far, LfwProtocol.SmallestSupportedFar(impostorPairs));
        Assert.Equal(far, LfwProtocol.SupportedFar(impostorPairs));
    }

    [Fact]
    public void TooFewMismatchedPairsSupportNoFar()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LfwProtocol.SmallestSupportedFar(19));

        Assert.Equal("impostorPairs", error.ParamName);
        Assert.Contains("support no FAR", error.Message);
        // Scoring such pairs is refused too, rather than reporting a TAR that one pair decides.
        bool[] isSame = [.. Enumerable.Repeat(true, 19), .. Enumerable.Repeat(false, 19)];
        var similarities = isSame.Select(same => same ? 0.9f : 0.1f).ToArray();
        Assert.Equal("isSame", Assert.Throws<ArgumentException>(() => LfwProtocol.Score(similarities, isSame, 2)).ParamName);
    }

    [Fact]
    public void ARequestedFarIsUsedWhenThePairsSupportIt()
    {
        var random = new Random(3);
        var isSame = Enumerable.Range(0, 1000).Select(i => i % 2 == 0).ToArray();
        var similarities = isSame.Select(same => (float)(random.NextDouble() + (same ? 0.5 : 0))).ToArray();

        var result = LfwProtocol.Score(similarities, isSame, 10, falseAcceptRate: 0.1);

        Assert.Equal(0.1, result.Far);
        Assert.Equal("TAR@FAR=1e-1", result.TarName);
        Assert.Equal(0.03, LfwProtocol.SupportedFar(500, 0.03));
    }

    [Fact]
    public void ARequestedFarBelowWhatThePairsSupportIsRefusedNamingWhatTheySupport()
    {
        var isSame = Enumerable.Range(0, 1000).Select(i => i % 2 == 0).ToArray();
        var similarities = isSame.Select(same => same ? 0.9f : 0.1f).ToArray();

        var error = Assert.Throws<ArgumentException>(() => LfwProtocol.Score(similarities, isSame, 10, falseAcceptRate: 1e-3));

        Assert.Equal("falseAcceptRate", error.ParamName);
        Assert.Contains("10000 mismatched pairs", error.Message);
        Assert.Contains("these 500 mismatched pairs support FAR >= 2e-2", error.Message);
        Assert.Equal("falseAcceptRate", Assert.Throws<ArgumentException>(() => LfwProtocol.SupportedFar(500, 1e-3)).ParamName);
        Assert.Equal("falseAcceptRate", Assert.Throws<ArgumentOutOfRangeException>(() => LfwProtocol.SupportedFar(500, 0)).ParamName);
        Assert.Contains("support no FAR", Assert.Throws<ArgumentException>(() => LfwProtocol.SupportedFar(10, 0.5)).Message);
    }

    [Fact]
    public void TarNamesTheFarInShortScientificForm()
    {
        Assert.Equal("TAR@FAR=1e-3", LfwProtocol.TarName(1e-3));
        Assert.Equal("TAR@FAR=2e-2", LfwProtocol.TarName(0.02));
        Assert.Equal("TAR@FAR=5e-1", LfwProtocol.TarName(0.5));
    }

    [Fact]
    public void RocIsBoundedOrderedAndSpansTheCorners()
    {
        var random = new Random(7);
        var isSame = Enumerable.Range(0, 6000).Select(i => i % 2 == 0).ToArray();
        var similarities = isSame.Select(same => (float)(random.NextDouble() + (same ? 0.5 : 0))).ToArray();

        var roc = LfwProtocol.Score(similarities, isSame, 10).Roc;

        Assert.InRange(roc.Count, 10, 200);
        Assert.Equal(new RocPoint(1, 1), roc[^1]);
        Assert.Equal(0.0, roc[0].FalseAcceptRate);
        for (var i = 1; i < roc.Count; i++)
        {
            Assert.True(roc[i].FalseAcceptRate >= roc[i - 1].FalseAcceptRate);
            Assert.True(roc[i].TrueAcceptRate >= roc[i - 1].TrueAcceptRate);
        }
    }

    [Fact]
    public void FoldsAreContiguousWithTheRemainderInTheFirstFolds()
    {
        var folds = LfwProtocol.FoldRanges(7, 3);

        Assert.Equal([(0, 3), (3, 2), (5, 2)], folds);
        Assert.Equal(Enumerable.Range(0, 10).Select(f => (f * 600, 600)), LfwProtocol.FoldRanges(6000, 10));
    }

    [Fact]
    public void BadInputsAreRejectedNamingTheParameter()
    {
        float[] similarities = [0.1f, 0.2f, 0.3f, 0.4f];
        bool[] isSame = [true, false, true, false];

        Assert.Equal("similarities", Assert.Throws<ArgumentException>(() => LfwProtocol.Score(similarities, [true, false], 2)).ParamName);
        Assert.Equal("similarities", Assert.Throws<ArgumentException>(() => LfwProtocol.Score([0.1f, float.NaN, 0.3f, 0.4f], isSame, 2)).ParamName);
        Assert.Equal("isSame", Assert.Throws<ArgumentException>(() => LfwProtocol.Score(similarities, [true, true, true, true], 2)).ParamName);
        Assert.Equal("foldCount", Assert.Throws<ArgumentOutOfRangeException>(() => LfwProtocol.Score(similarities, isSame, 5)).ParamName);
        Assert.Equal("foldCount", Assert.Throws<ArgumentOutOfRangeException>(() => LfwProtocol.Score(similarities, isSame, 1)).ParamName);
    }
}
