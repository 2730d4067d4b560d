using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

/// <summary>The plan keeps its four sets on disjoint identities, and its ids change exactly when the data does.</summary>
public sealed class SynthFacePlanTests
{
    private static readonly SynthFacePlan Plan = new()
    {
        ImageSize = 16,
        TeacherIdentities = 5,
        PoolIdentities = 7,
        EvaluationIdentities = 8,
        PairsPerFold = 3,
        Folds = 2,
    };

    public SynthFacePlanTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(20)]
    public void ValidationIdentitiesAreApartFromTheTestIdentitiesAndEveryOtherSet(int validationIdentities)
    {
        var plan = Plan with { ValidationIdentities = validationIdentities };

        var teacher = Enumerable.Range(0, plan.TeacherIdentities);
        var pool = Enumerable.Range(plan.TeacherIdentities, plan.PoolIdentities);
        var test = Enumerable.Range(plan.FirstEvaluationIdentity, plan.EvaluationIdentities);
        var validation = Enumerable.Range(plan.FirstValidationIdentity, plan.ValidationIdentities);

        Assert.Empty(validation.Intersect(test));
        Assert.Empty(validation.Intersect(teacher.Concat(pool)));
        Assert.Empty(test.Intersect(teacher.Concat(pool)));
    }

    [Fact]
    public void ValidationRendersPairsOnItsOwnIdentityRange()
    {
        var generator = new SynthFaceGenerator(new SynthFaceOptions(Plan.ImageSize, SynthFaceDifficulty.Parse(Plan.Difficulty), Plan.Seed));
        using var expected = generator.RenderVerificationWithIdentities(Plan.FirstValidationIdentity, Plan.ValidationIdentities, Plan.PairsPerFold,
            Plan.Folds, Plan.EvaluationSeed);

        using var validation = Plan.RenderValidation();
        using var test = Plan.RenderEvaluation();

        Assert.True(validation.Images.eq(expected.Set.Images).all().item<bool>());
        Assert.Equal(expected.Set.IsSame, validation.IsSame);
        Assert.False(validation.Images.eq(test.Images).all().item<bool>());
        Assert.NotEqual(Plan.EvaluationId, Plan.ValidationId);
    }

    [Fact]
    public void ValidationIdentitiesFollowTheTestIdentitiesUnlessSet()
    {
        Assert.Equal(8, Plan.ValidationIdentities);
        Assert.Equal(40, (Plan with { EvaluationIdentities = 40 }).ValidationIdentities);
        Assert.Equal(6, (Plan with { ValidationIdentities = 6 } with { EvaluationIdentities = 40 }).ValidationIdentities);
    }

    [Fact]
    public void TheEvaluationSeedChangesThePairsAndTheirIdsButNotTheOtherSets()
    {
        var reseeded = Plan with { EvaluationSeed = Plan.EvaluationSeed + 1 };

        using var pairs = Plan.RenderEvaluation();
        using var again = Plan.RenderEvaluation();
        using var other = reseeded.RenderEvaluation();
        using var otherValidation = reseeded.RenderValidation();
        using var validation = Plan.RenderValidation();

        Assert.True(pairs.Images.eq(again.Images).all().item<bool>());
        Assert.False(pairs.Images.eq(other.Images).all().item<bool>());
        Assert.False(validation.Images.eq(otherValidation.Images).all().item<bool>());
        Assert.NotEqual(Plan.EvaluationId, reseeded.EvaluationId);
        Assert.NotEqual(Plan.ValidationId, reseeded.ValidationId);
        Assert.Equal(Plan.TeacherSetId, reseeded.TeacherSetId);
        Assert.Equal(Plan.PoolId, reseeded.PoolId);
    }
}
