using FaceKdGrid.Client.Specs;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.Grains.Specs;
using Xunit;

namespace FaceKdGrid.Client.Tests.Specs;

public sealed class SweepSpecYamlTests
{
    [Fact]
    public void QuickstartParsesEverySection()
    {
        var result = SweepSpecYaml.Parse(SpecSamples.Quickstart);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var spec = result.Spec!;
        Assert.Equal("quickstart", spec.Name);
        Assert.Equal(TeacherKind.Train, spec.Teacher!.Kind);
        Assert.Null(spec.Teacher.Path);
        Assert.Equal(20, spec.Teacher.ImagesPerIdentity);
        Assert.Equal(4000, spec.Data.SynthFace!.Images);
        Assert.Equal(50, spec.Evaluation.SynthFace!.PairsPerFold);
        Assert.Equal(["4", "8"], spec.SearchSpace!.Find("compression_ratio")!.Values);
        Assert.Equal(SearchDomainKind.LogUniform, spec.SearchSpace.Find("lr")!.Kind);
        Assert.Equal(0.1, spec.SearchSpace.Find("lr")!.High);
        Assert.Equal(SchedulerKind.Fifo, spec.Scheduler.Kind);
    }

    [Fact]
    public void MinimalSpecTakesEveryDefault()
    {
        var result = SweepSpecYaml.Parse(SpecSamples.Minimal);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var spec = result.Spec!;
        Assert.Equal(TeacherKind.Dlib, spec.Teacher!.Kind);
        Assert.Equal(new SynthFacePoolSpec(), spec.Data.SynthFace);
        Assert.Equal(new SynthFacePairsSpec(), spec.Evaluation.SynthFace);
        Assert.Equal(1, spec.NumSamples);
        Assert.Equal(4, spec.MaxConcurrent);
        Assert.Equal(2, spec.MaxFailures);
        Assert.Equal("cpu", spec.Device);
        Assert.Equal(SearchDomainKind.Grid, spec.SearchSpace!.Find("compression_ratio")!.Kind);
    }

    [Fact]
    public void AshaShorthandAndDatasetReferencesParse()
    {
        var result = SweepSpecYaml.Parse("""
            name: ingested
            teacher: { kind: checkpoint, path: teachers/r18.pt }
            data: { dataset: my-set }
            evaluation: { dataset: lfw-bin, validation_dataset: cfp-fp-bin, agreement: demo-faces }
            search_space: { compression_ratio: 4, epochs: { randint: [2, 5] } }
            scheduler: asha
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var spec = result.Spec!;
        Assert.Null(spec.Data.SynthFace);
        Assert.Equal("my-set", spec.Data.Dataset);
        Assert.Equal("lfw-bin", spec.Evaluation.Dataset);
        Assert.Equal("cfp-fp-bin", spec.Evaluation.ValidationDataset);
        Assert.Equal("demo-faces", spec.Evaluation.Agreement);
        Assert.Equal(new SchedulerSpec { Kind = SchedulerKind.Asha }, spec.Scheduler);
        Assert.Equal(4, spec.Scheduler.ReductionFactor);
    }

    [Fact]
    public void ContrastiveIsALossTheSpecAcceptsAndTrialsCarry()
    {
        var result = SweepSpecYaml.Parse("name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss: { grid: [feature, contrastive] } }");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var losses = TrialExpansion.Expand(result.Spec!).Select(trial => trial.Parameters!.Get(SearchKeys.Loss));
        Assert.Equal(["feature", "contrastive"], losses);
    }

    [Fact]
    public void TheContrastiveQueueAndTemperatureAreSearchKeys()
    {
        var result = SweepSpecYaml.Parse(
            "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss: contrastive, loss.queue_size: { grid: [0, 256] }, loss.contrastive_temperature: 0.2 }");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var parameters = TrialExpansion.Expand(result.Spec!).Select(trial => trial.Parameters!).ToList();
        Assert.Equal([0, 256], parameters.Select(trial => trial.Get(SearchKeys.LossQueueSize)));
        Assert.All(parameters, trial => Assert.Equal(0.2, trial.Get(SearchKeys.LossContrastiveTemperature)));
    }

    [Theory]
    [InlineData("missing teacher", "name: x\nsearch_space: { compression_ratio: 4 }", "teacher", "required")]
    [InlineData("negative queue", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss.queue_size: -1 }", "search_space.loss.queue_size", "at least 0")]
    [InlineData("zero contrastive temperature", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss.contrastive_temperature: 0 }", "search_space.loss.contrastive_temperature", "greater than 0")]
    [InlineData("missing name", "teacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }", "name", "required")]
    [InlineData("bad name", "name: a/b\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }", "name", "letters")]
    [InlineData("unknown root field", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }\nmax_concurent: 2", "max_concurent", "did you mean 'max_concurrent'")]
    [InlineData("unknown nested field", "name: x\nteacher: { kind: dlib, epoch: 3 }\nsearch_space: { compression_ratio: 4 }", "teacher.epoch", "did you mean 'epochs'")]
    [InlineData("unknown search key", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, aug.strenght: 0.5 }", "search_space.aug.strenght", "did you mean 'aug.strength'")]
    [InlineData("negative ratio", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: { grid: [4, -2] } }", "search_space.compression_ratio", "-2 must be greater than 1")]
    [InlineData("empty search space", "name: x\nteacher: { kind: dlib }\nsearch_space: {}", "search_space", "empty")]
    [InlineData("no compression ratio", "name: x\nteacher: { kind: dlib }\nsearch_space: { lr: 0.1 }", "search_space.compression_ratio", "required")]
    [InlineData("empty grid", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: { grid: [] } }", "search_space.compression_ratio", "no values")]
    [InlineData("bad yaml", "name: x\nteacher: { kind: dlib\nsearch_space: [", "yaml", "malformed")]
    [InlineData("bad yaml indentation", "name: x\n  teacher: dlib\n bad: [1", "yaml", "line")]
    [InlineData("not a mapping", "- just\n- a list", "spec", "mapping")]
    [InlineData("integer expected", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, epochs: many }", "search_space.epochs", "not an integer")]
    [InlineData("unknown category", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, aug.method: cutmixx }", "search_space.aug.method", "not one of")]
    [InlineData("unknown teacher kind", "name: x\nteacher: { kind: resnet }\nsearch_space: { compression_ratio: 4 }", "teacher.kind", "not one of")]
    [InlineData("checkpoint without path", "name: x\nteacher: { kind: checkpoint }\nsearch_space: { compression_ratio: 4 }", "teacher.path", "required")]
    [InlineData("loguniform through zero", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, lr: { loguniform: [0, 0.1] } }", "search_space.lr", "must be greater than 0")]
    [InlineData("reversed range", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, aug.strength: { uniform: [0.9, 0.1] } }", "search_space.aug.strength", "low < high")]
    [InlineData("uniform on a category", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, loss: { uniform: [0, 1] } }", "search_space.loss", "use choice")]
    [InlineData("unknown domain", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: { normal: [4, 1] } }", "search_space.compression_ratio", "unknown field 'normal'")]
    [InlineData("strength above one", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, aug.strength: 1.5 }", "search_space.aug.strength", "at most 1")]
    [InlineData("zero concurrency", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }\nmax_concurrent: 0", "max_concurrent", "at least 1")]
    [InlineData("asha reduction factor", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }\nscheduler: { kind: asha, reduction_factor: 1 }", "scheduler.reduction_factor", "at least 2")]
    [InlineData("zipf in the data section", "name: x\nteacher: { kind: dlib }\ndata: { synthface: { zipf: 1.2 } }\nsearch_space: { compression_ratio: 4 }", "data.synthface.zipf", "is a search key now")]
    [InlineData("zipf with a stored pool", "name: x\nteacher: { kind: dlib }\ndata: { dataset: d }\nsearch_space: { compression_ratio: 4, data.synthface.zipf: 0 }", "search_space.data.synthface.zipf", "rendered SynthFace pool")]
    [InlineData("pool and data set", "name: x\nteacher: { kind: dlib }\ndata: { dataset: d, synthface: { seed: 1 } }\nsearch_space: { compression_ratio: 4 }", "data", "exactly one")]
    [InlineData("bad agreement set name", "name: x\nteacher: { kind: dlib }\nevaluation: { agreement: demo/faces }\nsearch_space: { compression_ratio: 4 }", "evaluation.agreement", "not a valid data-set name")]
    [InlineData("agreement on the verification set", "name: x\nteacher: { kind: dlib }\nevaluation: { dataset: lfw-bin, validation_dataset: cfp-fp-bin, agreement: lfw-bin }\nsearch_space: { compression_ratio: 4 }", "evaluation.agreement", "is a verification set")]
    [InlineData("agreement on the validation set", "name: x\nteacher: { kind: dlib }\nevaluation: { dataset: lfw-bin, validation_dataset: cfp-fp-bin, agreement: cfp-fp-bin }\nsearch_space: { compression_ratio: 4 }", "evaluation.agreement", "is a verification set")]
    [InlineData("ingested test pairs without validation pairs", "name: x\nteacher: { kind: dlib }\nevaluation: { dataset: lfw-bin }\nsearch_space: { compression_ratio: 4 }", "evaluation.validation_dataset", "never on the test pairs 'lfw-bin' reports")]
    [InlineData("validation set equal to the test set", "name: x\nteacher: { kind: dlib }\nevaluation: { dataset: lfw-bin, validation_dataset: lfw-bin }\nsearch_space: { compression_ratio: 4 }", "evaluation.validation_dataset", "is the test set")]
    [InlineData("validation set with SynthFace pairs", "name: x\nteacher: { kind: dlib }\nevaluation: { validation_dataset: cfp-fp-bin }\nsearch_space: { compression_ratio: 4 }", "evaluation.validation_dataset", "only with evaluation.dataset")]
    [InlineData("unknown device", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }\ndevice: tpu", "device", "not one of")]
    [InlineData("unknown metric", "name: x\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }\nmetric: acc", "metric", "did you mean 'accuracy'")]
    [InlineData("list where a value belongs", "name: [a, b]\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4 }", "name", "single value")]
    [InlineData("empty document", "", "spec", "empty")]
    public void BadSpecIsRejectedNamingTheField(string kind, string yaml, string field, string problem)
    {
        var result = SweepSpecYaml.Parse(yaml);

        Assert.False(result.IsValid, kind);
        Assert.Null(result.Spec);
        Assert.Contains(result.Errors, error => error.Field == field && error.Problem.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryErrorIsReportedNotOnlyTheFirst()
    {
        var result = SweepSpecYaml.Parse("name: x\nteacher: { kind: dlib, lr: fast }\nsearch_space: { compression_ratio: 4 }\nnum_samples: lots\nmode: up");

        Assert.Equal(["mode", "num_samples", "teacher.lr"], result.Errors.Select(error => error.Field).Order().ToArray());
    }
}
