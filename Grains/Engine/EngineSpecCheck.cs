using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Trials;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// The engine's own checks, run on a spec at submission so a value the engine would refuse at run time is refused
/// before any trial starts, naming the spec's key. Runs after <see cref="SweepSpecValidator"/> has accepted the spec's
/// shape; builds nothing (no tensors).
/// </summary>
public static class EngineSpecCheck
{
    /// <summary>The spec key behind each engine training setting the teacher section sets (warm-up follows the epochs).</summary>
    private static readonly Dictionary<string, string> TeacherFields = new()
    {
        ["Epochs"] = "teacher.epochs",
        ["WarmupEpochs"] = "teacher.epochs",
        ["LearningRate"] = "teacher.lr",
    };

    /// <param name="pool">The pool's size and labels, when known: the supervised baseline and the contrastive queue depend on them.</param>
    public static IReadOnlyList<SpecError> Validate(SweepSpec spec, PoolFacts? pool = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<SpecError>();
        void Check(string field, Action engineCheck, IReadOnlyDictionary<string, string>? fieldsBySetting = null)
        {
            try
            {
                engineCheck();
            }
            catch (ArgumentException refused)
            {
                errors.Add(new SpecError(fieldsBySetting?.GetValueOrDefault(refused.ParamName ?? "") ?? field, EngineRefusal.Describe(refused)));
            }
        }

        if (spec.Data.SynthFace is { } synthFace)
        {
            // Every student is a MobileFaceNet: its own configuration checks the crop size.
            Check("data.synthface.image_size", () => _ = new MobileFaceNetConfig(InputSize: synthFace.ImageSize, EmbeddingSize: new DistillationSettings().StudentEmbeddingSize));
            Check("data.synthface.difficulty", () => SynthFaceDifficulty.Parse(synthFace.Difficulty));
        }
        if (spec.Evaluation.SynthFace is { } pairs)
        {
            // The TAR is read at a FAR the mismatched pairs (one per matched pair) support: requested or the smallest.
            Check(spec.Evaluation.Far is null ? "evaluation.synthface.pairs_per_fold" : "evaluation.far",
                () => LfwProtocol.SupportedFar(pairs.Folds * pairs.PairsPerFold, spec.Evaluation.Far));
        }
        if (spec.Teacher is { Kind: TeacherKind.Train } teacher)
        {
            var settings = TeacherTrainingMapping.SettingsOf(teacher);
            Check("teacher.model", () => ModelFactory.Validate(settings.Model, spec.Data.SynthFace?.ImageSize ?? new SynthFacePoolSpec().ImageSize, settings.EmbeddingSize));
            Check("teacher", () => settings.Training.Validate(), TeacherFields);
        }
        if (spec.Teacher is { Kind: TeacherKind.Onnx } onnx)
        {
            errors.AddRange(OnnxTeacherProblems(onnx));
        }
        if (pool is not null)
        {
            var losses = ValuesOf(spec, SearchKeys.Loss).Select(SearchKeys.Loss.Canonical).ToList();
            if (losses.Contains("supervised") && !pool.HasLabels)
            {
                errors.Add(new SpecError("search_space.loss", $"'supervised' needs a labeled pool; data set '{spec.Data.Dataset}' has no identity labels"));
            }
            if (losses.Contains("contrastive"))
            {
                foreach (var queue in ValuesOf(spec, SearchKeys.LossQueueSize).Distinct())
                {
                    Check($"search_space.{SearchKeys.LossQueueSize.Name}", () =>
                        new KdLossSettings(KdLossKind.Contrastive) { QueueSize = SearchKeys.LossQueueSize.Read(SearchKeys.LossQueueSize.Canonical(queue)) }
                            .RequireQueueBelowPool(pool.Count));
                }
            }
        }
        foreach (var parameter in spec.SearchSpace?.Parameters ?? [])
        {
            if (SearchKeys.Find(parameter.Key) is { } key)
            {
                errors.AddRange(DomainValues(parameter.Domain)
                    .Select(value => EngineSettingsMapping.Problem(key, key.Canonical(value)) is { } problem ? new SpecError($"search_space.{key.Name}", $"{value} {problem}") : null)
                    .OfType<SpecError>()
                    .Distinct());
            }
        }
        return errors;
    }

    /// <summary>
    /// Opens an ONNX teacher's file as a trial will (it must exist, take image batches of rank 4 and give embeddings
    /// [N, D]) and checks the spec's input settings and embedding size against it.
    /// </summary>
    private static IEnumerable<SpecError> OnnxTeacherProblems(TeacherSpec teacher)
    {
        try
        {
            using var model = OnnxEmbedder.Open(teacher.Path!, TeacherLoader.OnnxInputOf(teacher));
            if (teacher.EmbeddingSize is { } expected && model.EmbeddingSize != expected)
            {
                return [new SpecError("teacher.embedding_size", $"{expected}, but '{teacher.Path}' gives {model.EmbeddingSize}-d embeddings")];
            }
            return [];
        }
        catch (ArgumentException refused) when (refused.ParamName is OnnxInputFormat.InputSizeKey or OnnxInputFormat.ChannelOrderKey or OnnxInputFormat.MeanKey or OnnxInputFormat.ScaleKey)
        {
            return [new SpecError($"teacher.{refused.ParamName}", EngineRefusal.Describe(refused))];
        }
        catch (Exception refused) when (refused is ArgumentException or IOException or InvalidDataException)
        {
            return [new SpecError("teacher.path", refused is ArgumentException argument ? EngineRefusal.Describe(argument) : refused.Message)];
        }
    }

    /// <summary>The values a spec's key can take (a range's ends standing for the range), or its default when the spec leaves it out.</summary>
    private static IEnumerable<string> ValuesOf(SweepSpec spec, SearchKey key) =>
        spec.SearchSpace?.Find(key.Name) is { } domain ? DomainValues(domain) : [key.Default];

    /// <summary>The values a domain can yield that the engine must accept: every listed value, or a range's ends.</summary>
    private static IEnumerable<string> DomainValues(SearchDomain domain) => domain.Kind switch
    {
        SearchDomainKind.Uniform or SearchDomainKind.LogUniform => [Text(domain.Low), Text(domain.High)],
        SearchDomainKind.RandInt => [Text(domain.Low), Text(domain.High - 1)],
        _ => domain.Values,
    };

    private static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
