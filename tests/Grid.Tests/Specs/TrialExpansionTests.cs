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
