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
        Assert.Equal(1.0, result.TarAtFar1e3, 12);
        Assert.InRange(result.Threshold, 0.15, 0.7);
    }

    [Fact]
    public void HandComputedTwoFoldCase()
    {
        // Fold A (pairs 0-4), sorted: .9S .5D .4S .3S .2D -> best cut accepts the top 4: threshold (.3 + .2) / 2.
        // Fold B (pairs 5-9), sorted: .8S .7D .6S .55S .1D -> best cut accepts the top 4: threshold (.55 + .1) / 2.
        // A scored at B's .325: .9 .4 accepted, .5 false accept, .3 rejected, .2 rejected -> 3/5.
        // B scored at A's .25: .8 .6 .55 accepted, .7 false accept, .1 rejected -> 4/5.
        float[] similarities = [0.9f, 0.4f, 0.3f, 0.5f, 0.2f, 0.8f, 0.6f, 0.55f, 0.7f, 0.1f];
        bool[] isSame = [true, true, true, false, false, true, true, true, false, false];

        var result = LfwProtocol.Score(similarities, isSame, 2);

        Assert.Equal(0.7, result.Accuracy, 6);
        Assert.Equal(0.1, result.AccuracyStd, 6);
        Assert.Equal((0.325 + 0.25) / 2, result.Threshold, 6);
        // Fewer than 1000 mismatched pairs: no false accept allowed, so only matched pairs above .7 count (.9, .8).
        Assert.Equal(2.0 / 6, result.TarAtFar1e3, 12);
    }

    [Fact]
    public void TarAtFarAllowsFloorOfOneInAThousandFalseAccepts()
    {
        // 3000 mismatched pairs allow 3 false accepts: the cut is the 4th highest mismatched similarity.
        var mismatched = Enumerable.Range(0, 3000).Select(i => 0.5f - 0.0001f * i).ToArray();
        float[] matched = [0.9f, 0.49985f, mismatched[3], 0.3f];
        var similarities = mismatched.Concat(matched).ToArray();
        var isSame = mismatched.Select(_ => false).Concat(matched.Select(_ => true)).ToArray();

        var result = LfwProtocol.Score(similarities, isSame, 2);

        // 0.9 and 0.49985 lie above the cut; the third ties with it and is rejected with it.
        Assert.Equal(0.5, result.TarAtFar1e3, 12);
        Assert.Contains(result.Roc, p => Math.Abs(p.FalseAcceptRate - 0.001) < 1e-12 && Math.Abs(p.TrueAcceptRate - 0.5) < 1e-12);
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
