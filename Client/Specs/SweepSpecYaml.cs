using FaceKdGrid.Grains.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Client.Specs;

/// <summary>
/// Reads a sweep spec from YAML (snake_case keys). Unknown fields, wrong types and invalid values all come back
/// as errors naming the field path; a spec is returned only when there are none.
/// </summary>
public static class SweepSpecYaml
{
    private static readonly string[] RootKeys =
        ["name", "teacher", "data", "evaluation", "search_space", "num_samples", "metric", "mode", "max_concurrent", "scheduler", "max_failures", "device"];

    private static readonly string[] TeacherKeys = ["kind", "model", "path", "epochs", "identities", "images_per_identity", "lr", "embedding_size"];
    private static readonly string[] DataKeys = ["synthface", "dataset", "shard_size"];
    private static readonly string[] PoolKeys = ["image_size", "difficulty", "seed", "identities", "images"];

    /// <summary>The pool's imbalance moved into the search space; the old spelling gets an error saying where.</summary>
    private const string MovedPoolZipf = "zipf";
    private static readonly string[] EvaluationKeys = ["synthface", "dataset", "validation_dataset", "agreement", "far"];
    private static readonly string[] PairsKeys = ["identities", "validation_identities", "pairs_per_fold", "folds", "seed"];
    private static readonly string[] SchedulerKeys = ["kind", "grace_period", "reduction_factor", "max_epochs"];
    private static readonly string[] DomainKeys = ["grid", "choice", "uniform", "loguniform", "randint"];

    public static SpecParseResult Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException error)
        {
            var problem = error.InnerException?.Message ?? error.Message;
            return new SpecParseResult(null, [new SpecError("yaml", $"line {error.Start.Line}, column {error.Start.Column}: {problem}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this instead of a YamlException for some unterminated documents.
            return new SpecParseResult(null, [new SpecError("yaml", "is malformed: a list, mapping or quote is not closed before the end")]);
        }
        if (YamlFieldReader.IsNull(root))
        {
            return new SpecParseResult(null, [new SpecError("spec", "is empty; name, teacher and search_space are required")]);
        }

        var reader = new YamlFieldReader();
        var spec = ReadSpec(reader, root!);
        if (reader.Errors.Count > 0 || spec is null)
        {
            return new SpecParseResult(null, reader.Errors);
        }
        var errors = SweepSpecValidator.Validate(spec);
        return errors.Count > 0 ? new SpecParseResult(null, errors) : new SpecParseResult(spec, []);
    }

    private static SweepSpec? ReadSpec(YamlFieldReader reader, YamlNode root)
    {
        if (reader.Mapping(root, "", RootKeys) is not { } mapping)
        {
            return null;
        }
        var defaults = new SweepSpec();
        return new SweepSpec
        {
            Name = reader.String(mapping, "", "name", defaults.Name),
            Teacher = Section(mapping, "teacher", node => ReadTeacher(reader, node)),
            Data = Section(mapping, "data", node => ReadData(reader, node)) ?? defaults.Data,
            Evaluation = Section(mapping, "evaluation", node => ReadEvaluation(reader, node)) ?? defaults.Evaluation,
            SearchSpace = Section(mapping, "search_space", node => ReadSearchSpace(reader, node)),
            NumSamples = reader.Int(mapping, "", "num_samples", defaults.NumSamples),
            Metric = reader.Named(mapping, "", "metric", SpecNames.Metrics, defaults.Metric),
            Mode = reader.Named(mapping, "", "mode", SpecNames.Modes, defaults.Mode),
            MaxConcurrent = reader.Int(mapping, "", "max_concurrent", defaults.MaxConcurrent),
            Scheduler = Section(mapping, "scheduler", node => ReadScheduler(reader, node)) ?? defaults.Scheduler,
            MaxFailures = reader.Int(mapping, "", "max_failures", defaults.MaxFailures),
            Device = reader.String(mapping, "", "device", defaults.Device),
        };
    }

    private static T? Section<T>(YamlMappingNode mapping, string key, Func<YamlNode, T?> read)
        where T : class
    {
        var node = YamlFieldReader.Child(mapping, key);
        return YamlFieldReader.IsNull(node) ? null : read(node!);
    }

    private static TeacherSpec? ReadTeacher(YamlFieldReader reader, YamlNode node)
    {
        const string path = "teacher";
        if (reader.Mapping(node, path, TeacherKeys) is not { } mapping)
        {
            return null;
        }
        if (YamlFieldReader.IsNull(YamlFieldReader.Child(mapping, "kind")))
        {
            reader.Fail("teacher.kind", $"is required: one of {string.Join(", ", SpecNames.TeacherKinds.Names)}");
        }
        var defaults = new TeacherSpec();
        return new TeacherSpec
        {
            Kind = reader.Named(mapping, path, "kind", SpecNames.TeacherKinds, defaults.Kind),
            Model = reader.String(mapping, path, "model", defaults.Model),
            Path = reader.OptionalString(mapping, path, "path"),
            Epochs = reader.Int(mapping, path, "epochs", defaults.Epochs),
            Identities = reader.Int(mapping, path, "identities", defaults.Identities),
            ImagesPerIdentity = reader.Int(mapping, path, "images_per_identity", defaults.ImagesPerIdentity),
            Lr = reader.Double(mapping, path, "lr", defaults.Lr),
            EmbeddingSize = YamlFieldReader.IsNull(YamlFieldReader.Child(mapping, "embedding_size")) ? null : reader.Int(mapping, path, "embedding_size", 0),
        };
    }

    private static DataSpec? ReadData(YamlFieldReader reader, YamlNode node)
    {
        const string path = "data";
        if (reader.Mapping(node, path, DataKeys) is not { } mapping)
        {
            return null;
        }
        var dataset = reader.OptionalString(mapping, path, "dataset");
        var pool = Section(mapping, "synthface", child => ReadPool(reader, child));
        return new DataSpec
        {
            // A named data set replaces the rendered pool unless both are given (which validation rejects).
            SynthFace = pool ?? (dataset is null ? new SynthFacePoolSpec() : null),
            Dataset = dataset,
            ShardSize = reader.Int(mapping, path, "shard_size", new DataSpec().ShardSize),
        };
    }

    private static SynthFacePoolSpec? ReadPool(YamlFieldReader reader, YamlNode node)
    {
        const string path = "data.synthface";
        if (reader.Mapping(node, path, [.. PoolKeys, MovedPoolZipf]) is not { } mapping)
        {
            return null;
        }
        if (YamlFieldReader.Child(mapping, MovedPoolZipf) is not null)
        {
            reader.Fail(SearchKeys.PoolZipf.Name, $"is a search key now: write it under search_space ({SearchKeys.PoolZipf.Name}: [0, 1.2] puts a balanced and an imbalanced pool in one sweep)");
        }
        var defaults = new SynthFacePoolSpec();
        return new SynthFacePoolSpec
        {
            ImageSize = reader.Int(mapping, path, "image_size", defaults.ImageSize),
            Difficulty = reader.String(mapping, path, "difficulty", defaults.Difficulty),
            Seed = reader.Int(mapping, path, "seed", defaults.Seed),
            Identities = reader.Int(mapping, path, "identities", defaults.Identities),
            Images = reader.Int(mapping, path, "images", defaults.Images),
        };
    }

    private static EvaluationSpec? ReadEvaluation(YamlFieldReader reader, YamlNode node)
    {
        const string path = "evaluation";
        if (reader.Mapping(node, path, EvaluationKeys) is not { } mapping)
        {
            return null;
        }
        var dataset = reader.OptionalString(mapping, path, "dataset");
        var pairs = Section(mapping, "synthface", child => ReadPairs(reader, child));
        return new EvaluationSpec
        {
            SynthFace = pairs ?? (dataset is null ? new SynthFacePairsSpec() : null),
            Dataset = dataset,
            ValidationDataset = reader.OptionalString(mapping, path, "validation_dataset"),
            Agreement = reader.OptionalString(mapping, path, "agreement"),
            Far = YamlFieldReader.IsNull(YamlFieldReader.Child(mapping, "far")) ? null : reader.Double(mapping, path, "far", 0),
        };
    }

    private static SynthFacePairsSpec? ReadPairs(YamlFieldReader reader, YamlNode node)
    {
        const string path = "evaluation.synthface";
        if (reader.Mapping(node, path, PairsKeys) is not { } mapping)
        {
            return null;
        }
        var defaults = new SynthFacePairsSpec();
        return new SynthFacePairsSpec
        {
            Identities = reader.Int(mapping, path, "identities", defaults.Identities),
            ValidationIdentities = YamlFieldReader.IsNull(YamlFieldReader.Child(mapping, "validation_identities")) ? null : reader.Int(mapping, path, "validation_identities", 0),
            PairsPerFold = reader.Int(mapping, path, "pairs_per_fold", defaults.PairsPerFold),
            Folds = reader.Int(mapping, path, "folds", defaults.Folds),
            Seed = reader.Int(mapping, path, "seed", defaults.Seed),
        };
    }

    private static SchedulerSpec? ReadScheduler(YamlFieldReader reader, YamlNode node)
    {
        const string path = "scheduler";
        var defaults = new SchedulerSpec();
        if (node is YamlScalarNode { Value: { } shorthand })
        {
            // "scheduler: asha" takes every ASHA default.
            if (SpecNames.Schedulers.TryParse(shorthand, out var kind))
            {
                return defaults with { Kind = kind };
            }
            reader.Fail("scheduler", $"'{shorthand}' is not one of {string.Join(", ", SpecNames.Schedulers.Names)}");
            return null;
        }
        if (reader.Mapping(node, path, SchedulerKeys) is not { } mapping)
        {
            return null;
        }
        return new SchedulerSpec
        {
            Kind = reader.Named(mapping, path, "kind", SpecNames.Schedulers, defaults.Kind),
            GracePeriod = reader.Int(mapping, path, "grace_period", defaults.GracePeriod),
            ReductionFactor = reader.Int(mapping, path, "reduction_factor", defaults.ReductionFactor),
            MaxEpochs = reader.Int(mapping, path, "max_epochs", defaults.MaxEpochs),
        };
    }

    private static SearchSpaceSpec? ReadSearchSpace(YamlFieldReader reader, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            reader.Fail("search_space", "must be a mapping of keys to values, lists or domains");
            return null;
        }
        var parameters = new List<SearchParameter>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var field = YamlFieldReader.Join("search_space", key);
            if (ReadDomain(reader, valueNode, field) is { } domain)
            {
                parameters.Add(new SearchParameter { Key = key, Domain = domain });
            }
        }
        return new SearchSpaceSpec { Parameters = parameters };
    }

    private static SearchDomain? ReadDomain(YamlFieldReader reader, YamlNode node, string field)
    {
        if (YamlFieldReader.IsNull(node))
        {
            reader.Fail(field, "has no value");
            return null;
        }
        switch (node)
        {
            case YamlScalarNode scalar:
                return SearchDomain.Fixed(scalar.Value ?? "");
            case YamlSequenceNode sequence:
                return Listed(reader, SearchDomainKind.Grid, sequence, field);
            case YamlMappingNode mapping when mapping.Children.Count == 1:
                var (kindNode, valuesNode) = mapping.Children.Single();
                var kindName = (kindNode as YamlScalarNode)?.Value ?? "";
                var kindField = YamlFieldReader.Join(field, kindName);
                if (valuesNode is not YamlSequenceNode values)
                {
                    reader.Fail(DomainKeys.Contains(kindName) ? kindField : field,
                        DomainKeys.Contains(kindName) ? "must be a list" : NameSuggestions.UnknownName(kindName, DomainKeys));
                    return null;
                }
                return kindName switch
                {
                    "grid" => Listed(reader, SearchDomainKind.Grid, values, kindField),
                    "choice" => Listed(reader, SearchDomainKind.Choice, values, kindField),
                    "uniform" => Ranged(reader, SearchDomainKind.Uniform, values, kindField),
                    "loguniform" => Ranged(reader, SearchDomainKind.LogUniform, values, kindField),
                    "randint" => Ranged(reader, SearchDomainKind.RandInt, values, kindField),
                    _ => Unknown(reader, field, kindName),
                };
            default:
                reader.Fail(field, $"must be a value, a list, or one of {string.Join(", ", DomainKeys.Select(key => $"{{{key}: [...]}}"))}");
                return null;
        }
    }

    private static SearchDomain? Unknown(YamlFieldReader reader, string field, string kindName)
    {
        reader.Fail(field, NameSuggestions.UnknownName(kindName, DomainKeys));
        return null;
    }

    private static SearchDomain? Listed(YamlFieldReader reader, SearchDomainKind kind, YamlSequenceNode sequence, string field)
    {
        var values = sequence.Children.Select(item => reader.Scalar(item, field)).ToList();
        return values.Any(value => value is null) ? null : new SearchDomain { Kind = kind, Values = values.Select(value => value!).ToArray() };
    }

    private static SearchDomain? Ranged(YamlFieldReader reader, SearchDomainKind kind, YamlSequenceNode sequence, string field)
    {
        if (sequence.Children.Count != 2)
        {
            reader.Fail(field, $"needs exactly two bounds [low, high]; got {sequence.Children.Count}");
            return null;
        }
        var bounds = sequence.Children.Select(item => reader.Scalar(item, field) is { } text ? reader.ParseDouble(text, field) : null).ToList();
        return bounds[0] is { } low && bounds[1] is { } high ? SearchDomain.Range(kind, low, high) : null;
    }
}
