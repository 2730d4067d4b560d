using FaceKdGrid.Client.Specs;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.Grains.Specs;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Specs;

public sealed class TrialExpansionTests
{
    [Fact]
    public void QuickstartExpandsToTeacherThenTheGridInStableOrder()
    {
        var spec = SweepSpecYaml.Parse(SpecSamples.Quickstart).Spec!;

        var trials = TrialExpansion.Expand(spec);

        Assert.Equal(["teacher", "t000", "t001", "t002", "t003"], trials.Select(trial => trial.TrialId));
        Assert.Equal(TrialKind.Teacher, trials[0].Kind);
        Assert.Null(trials[0].Parameters);
        var students = trials.Skip(1).Select(trial => trial.Parameters!).ToList();
        Assert.Equal([4.0, 4.0, 8.0, 8.0], students.Select(parameters => parameters.CompressionRatio));
        Assert.Equal([0.25, 0.5, 0.25, 0.5], students.Select(parameters => parameters.Get(SearchKeys.AugStrength)));
        Assert.All(students, parameters =>
        {
            Assert.InRange(parameters.Get(SearchKeys.Lr), 0.01, 0.1);
            Assert.Equal("indirect+feature", parameters.Get(SearchKeys.Loss));
            Assert.Equal(6, parameters.Epochs);
        });
        Assert.True(students.Select(parameters => parameters.Get(SearchKeys.Lr)).Distinct().Count() > 1, "each trial draws its own lr");
    }

    [Fact]
    public void ExpansionIsDeterministicPerSweepName()
    {
        var spec = SweepSpecYaml.Parse(SpecSamples.Quickstart).Spec!;

        var first = TrialExpansion.Expand(spec).Select(trial => trial.Parameters?.Get(SearchKeys.Lr)).ToList();
        var again = TrialExpansion.Expand(spec).Select(trial => trial.Parameters?.Get(SearchKeys.Lr)).ToList();
        var renamed = TrialExpansion.Expand(spec with { Name = "other" }).Select(trial => trial.Parameters?.Get(SearchKeys.Lr)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, renamed);
    }

    [Fact]
    public void NumSamplesRepeatsTheWholeGrid()
    {
        var spec = SweepSpecYaml.Parse("""
            name: samples
            teacher: { kind: dlib }
            search_space:
              compression_ratio: [2, 4]
              seed: { randint: [0, 1000] }
              aug.method: { choice: [none, cutout] }
            num_samples: 3
            """).Spec!;

        var trials = TrialExpansion.Expand(spec);

        Assert.Equal(6, trials.Count);
        Assert.Equal(6, TrialExpansion.CountStudents(spec));
        Assert.Equal([2.0, 4.0, 2.0, 4.0, 2.0, 4.0], trials.Select(trial => trial.Parameters!.CompressionRatio));
        Assert.All(trials, trial => Assert.Contains(trial.Parameters!.Get(SearchKeys.AugMethod), new[] { "none", "cutout" }));
        Assert.All(trials, trial => Assert.InRange(trial.Parameters!.Get(SearchKeys.Seed), 0, 999));
        Assert.True(trials.Select(trial => trial.Parameters!.Get(SearchKeys.Seed)).Distinct().Count() > 1);
    }

    [Fact]
    public void ExtendingARandomSearchGivesTheTrialsOfTheLongerSearchFromTheStart()
    {
        var spec = SweepSpecYaml.Parse("""
            name: extended
            teacher: { kind: train }
            search_space:
              compression_ratio: 4
              lr: { loguniform: [0.01, 0.1] }
              seed: { randint: [0, 1000] }
            num_samples: 5
            """).Spec!;

        // Extended by 5, then by 5 again: the first 10 samples, then samples 10-14, of the same spec.
        var first = TrialExpansion.Extend(spec, 5);
        var second = TrialExpansion.Extend(spec with { NumSamples = 10 }, 5);

        var ten = TrialExpansion.Expand(spec with { NumSamples = 10 });
        var fifteen = TrialExpansion.Expand(spec with { NumSamples = 15 });
        Assert.Equal(ten, TrialExpansion.Expand(spec).Concat(first));
        Assert.Equal(fifteen, ten.Concat(second));
        Assert.Equal(["t005", "t006", "t007", "t008", "t009"], first.Select(trial => trial.TrialId));
        Assert.Equal(10, ten.Skip(1).Select(trial => trial.Parameters!.Get(SearchKeys.Lr)).Distinct().Count());
    }

    [Fact]
    public void ExtensionIdsContinueTheSequencePastTheirPadding()
    {
        var spec = SweepSpecYaml.Parse("""
            name: wide
            teacher: { kind: dlib }
            search_space:
              compression_ratio: { grid: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }
              lr: { uniform: [0.01, 0.1] }
            num_samples: 99
            """).Spec!;

        var added = TrialExpansion.Extend(spec, 2);

        Assert.Equal("t000", TrialExpansion.Expand(spec)[0].TrialId);
        Assert.Equal(["t990", "t999", "t1000", "t1009"], new[] { added[0], added[9], added[10], added[19] }.Select(trial => trial.TrialId));
        Assert.Equal(TrialExpansion.Expand(spec with { NumSamples = 101 }).Skip(990).Select(trial => trial.Parameters), added.Select(trial => trial.Parameters));
    }

    [Fact]
    public void OnlyASpecThatDrawsAKeyAtRandomIsARandomSearch()
    {
        Assert.True(TrialExpansion.IsRandomSearch(SweepSpecYaml.Parse(SpecSamples.Quickstart).Spec!));
        Assert.False(TrialExpansion.IsRandomSearch(SweepSpecYaml.Parse(SpecSamples.Minimal).Spec!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrialExpansion.Extend(SweepSpecYaml.Parse(SpecSamples.Quickstart).Spec!, 0));
    }

    [Fact]
    public void ProgrammaticSpecsAreValidatedTheSameWay()
    {
        var spec = new SweepSpec
        {
            Name = "api",
            Teacher = new TeacherSpec { Kind = TeacherKind.Train, Epochs = 0 },
            SearchSpace = new SearchSpaceSpec
            {
                Parameters = [new SearchParameter { Key = SearchKeys.CompressionRatio.Name, Domain = SearchDomain.Grid(0.5, 4) }],
            },
        };

        var errors = SweepSpecValidator.Validate(spec);

        Assert.Contains(errors, error => error.Field == "teacher.epochs");
        Assert.Contains(errors, error => error.Field == "search_space.compression_ratio" && error.Problem.Contains("0.5", StringComparison.Ordinal));
        Assert.Empty(SweepSpecValidator.Validate(spec with
        {
            Teacher = new TeacherSpec(),
            SearchSpace = new SearchSpaceSpec { Parameters = [new SearchParameter { Key = SearchKeys.CompressionRatio.Name, Domain = SearchDomain.Grid(2, 4) }] },
        }));
    }
}
