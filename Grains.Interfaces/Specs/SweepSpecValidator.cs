using System.Text.RegularExpressions;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Says everything that is wrong with a sweep spec, each error naming the field path and the problem. Used after
/// YAML parsing and again by the coordinator, so programmatic clients get the same checks.
/// </summary>
public static partial class SweepSpecValidator
{
    /// <summary>A sweep larger than this is almost certainly a mistake in the search space.</summary>
    public const long MaxStudentTrials = 100_000;

    public static IReadOnlyList<SpecError> Validate(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<SpecError>();
        void Require(bool condition, string field, string problem)
        {
            if (!condition)
            {
                errors.Add(new SpecError(field, problem));
            }
        }

        Require(!string.IsNullOrEmpty(spec.Name), "name", "is required (the sweep id)");
        Require(string.IsNullOrEmpty(spec.Name) || IsIdentifier(spec.Name), "name",
            $"'{spec.Name}' must be 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit");
        ValidateTeacher(spec.Teacher, Require);
        ValidateData(spec.Data, Require);
        ValidateEvaluation(spec.Evaluation, Require);
        ValidateSearchSpace(spec.SearchSpace, spec.Data, errors);
        Require(spec.NumSamples >= 1, "num_samples", $"{spec.NumSamples} must be at least 1");
        Require(spec.MaxConcurrent >= 1, "max_concurrent", $"{spec.MaxConcurrent} must be at least 1");
        Require(spec.MaxFailures >= 0, "max_failures", $"{spec.MaxFailures} must not be negative");
        Require(SpecNames.Devices.Contains(spec.Device), "device", $"'{spec.Device}' is not one of {string.Join(", ", SpecNames.Devices)}");
        ValidateScheduler(spec.Scheduler, Require);
        if (errors.Count == 0)
        {
            var students = TrialExpansion.CountStudents(spec);
            Require(students <= MaxStudentTrials, "search_space", $"expands to {students} trials; at most {MaxStudentTrials} are allowed");
        }
        return errors;
    }

    /// <summary>Whether a name can serve as a sweep, trial or data-set id (it becomes part of grain keys).</summary>
    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name);

    private static void ValidateTeacher(TeacherSpec? teacher, Action<bool, string, string> require)
    {
        if (teacher is null)
        {
            require(false, "teacher", "is required (kind: train, checkpoint or dlib)");
            return;
        }
        if (teacher.Kind != TeacherKind.Dlib)
        {
            require(!string.IsNullOrWhiteSpace(teacher.Model), "teacher.model", "is required for a trained or checkpoint teacher");
        }
        if (teacher.EmbeddingSize is { } embeddingSize)
        {
            require(embeddingSize >= 2, "teacher.embedding_size", $"{embeddingSize} must be at least 2");
        }
        if (teacher.Kind == TeacherKind.Checkpoint)
        {
            require(!string.IsNullOrWhiteSpace(teacher.Path), "teacher.path", "is required when teacher.kind is checkpoint");
        }
        if (teacher.Kind == TeacherKind.Train)
        {
            require(teacher.Epochs >= 1, "teacher.epochs", $"{teacher.Epochs} must be at least 1");
            require(teacher.Identities >= 2, "teacher.identities", $"{teacher.Identities} must be at least 2");
            require(teacher.ImagesPerIdentity >= 2, "teacher.images_per_identity", $"{teacher.ImagesPerIdentity} must be at least 2");
            require(teacher.Lr > 0 && double.IsFinite(teacher.Lr), "teacher.lr", $"{teacher.Lr} must be a positive number");
        }
    }

    private static void ValidateData(DataSpec data, Action<bool, string, string> require)
    {
        require((data.SynthFace is null) != (data.Dataset is null), "data", "give exactly one of synthface or dataset");
        if (data.SynthFace is { } synth)
        {
            require(synth.ImageSize is >= 16 and <= 512, "data.synthface.image_size", $"{synth.ImageSize} must be between 16 and 512");
            require(synth.Identities >= 1, "data.synthface.identities", $"{synth.Identities} must be at least 1");
            require(synth.Images >= 1, "data.synthface.images", $"{synth.Images} must be at least 1");
            require(synth.Seed >= 0, "data.synthface.seed", $"{synth.Seed} must not be negative");
            require(!string.IsNullOrWhiteSpace(synth.Difficulty), "data.synthface.difficulty", "must name a difficulty level");
        }
        if (data.Dataset is { } dataset)
        {
            require(IsIdentifier(dataset), "data.dataset", $"'{dataset}' is not a valid data-set name");
        }
        require(data.ShardSize >= 1, "data.shard_size", $"{data.ShardSize} must be at least 1");
    }

    private static void ValidateEvaluation(EvaluationSpec evaluation, Action<bool, string, string> require)
    {
        require((evaluation.SynthFace is null) != (evaluation.Dataset is null), "evaluation", "give exactly one of synthface or dataset");
        if (evaluation.SynthFace is { } synth)
        {
            // Folds are identity-disjoint: each draws its matched and mismatched pairs from two identities of its own at least.
            require(synth.Identities >= 2 * synth.Folds, "evaluation.synthface.identities", $"{synth.Identities} must be at least 2 per fold ({2 * synth.Folds})");
            if (synth.ValidationIdentities is { } validation)
            {
                require(validation >= 2 * synth.Folds, "evaluation.synthface.validation_identities", $"{validation} must be at least 2 per fold ({2 * synth.Folds})");
            }
            require(synth.PairsPerFold >= 2, "evaluation.synthface.pairs_per_fold", $"{synth.PairsPerFold} must be at least 2");
            require(synth.Folds >= 2, "evaluation.synthface.folds", $"{synth.Folds} must be at least 2");
            require(synth.Seed >= 0, "evaluation.synthface.seed", $"{synth.Seed} must not be negative");
        }
        if (evaluation.Dataset is { } dataset)
        {
            require(IsIdentifier(dataset), "evaluation.dataset", $"'{dataset}' is not a valid data-set name");
            // Selecting on the pairs a sweep reports inflates what it reports; the ingested test set needs a validation set of its own.
            require(evaluation.ValidationDataset is not null, "evaluation.validation_dataset",
                $"required with evaluation.dataset: early stopping, best per ratio and the Pareto front select on validation pairs, never on the test pairs '{dataset}' reports; ingest a second verification set (e.g. cfp_fp.bin or agedb_30.bin) and name it here");
        }
        if (evaluation.ValidationDataset is { } validationSet)
        {
            require(evaluation.Dataset is not null, "evaluation.validation_dataset", "only with evaluation.dataset (SynthFace renders its validation pairs: evaluation.synthface.validation_identities)");
            require(IsIdentifier(validationSet), "evaluation.validation_dataset", $"'{validationSet}' is not a valid data-set name");
            require(validationSet != evaluation.Dataset, "evaluation.validation_dataset", $"'{validationSet}' is the test set; validation needs pairs of its own");
        }
        if (evaluation.Far is { } far)
        {
            require(far is > 0 and <= 1, "evaluation.far", $"{far} must lie in (0, 1]");
        }
        if (evaluation.Agreement is { } agreement)
        {
            require(IsIdentifier(agreement), "evaluation.agreement", $"'{agreement}' is not a valid data-set name");
            // A verification set is stored as pairs, not as a set of faces: the two roles cannot share one data set.
            require(agreement != evaluation.Dataset && agreement != evaluation.ValidationDataset, "evaluation.agreement", $"'{agreement}' is a verification set; agreement needs a set of faces (e.g. from facekd data faces)");
        }
    }

    private static void ValidateScheduler(SchedulerSpec scheduler, Action<bool, string, string> require)
    {
        if (scheduler.Kind != SchedulerKind.Asha)
        {
            return;
        }
        require(scheduler.GracePeriod >= 1, "scheduler.grace_period", $"{scheduler.GracePeriod} must be at least 1");
        require(scheduler.ReductionFactor >= 2, "scheduler.reduction_factor", $"{scheduler.ReductionFactor} must be at least 2");
        require(scheduler.MaxEpochs >= scheduler.GracePeriod, "scheduler.max_epochs",
            $"{scheduler.MaxEpochs} must be at least the grace period ({scheduler.GracePeriod})");
    }

    private static void ValidateSearchSpace(SearchSpaceSpec? space, DataSpec data, List<SpecError> errors)
    {
        if (space is null)
        {
            errors.Add(new SpecError("search_space", "is required (at least compression_ratio)"));
            return;
        }
        if (space.Parameters.Count == 0)
        {
            errors.Add(new SpecError("search_space", "is empty; give at least compression_ratio"));
            return;
        }
        foreach (var duplicate in space.Parameters.GroupBy(parameter => parameter.Key).Where(group => group.Count() > 1))
        {
            errors.Add(new SpecError($"search_space.{duplicate.Key}", "is given more than once"));
        }
        if (space.Find(SearchKeys.CompressionRatio.Name) is null)
        {
            errors.Add(new SpecError($"search_space.{SearchKeys.CompressionRatio.Name}", "is required: the compression ratios to sweep"));
        }
        if (data.Dataset is not null && space.Find(SearchKeys.PoolZipf.Name) is not null)
        {
            errors.Add(new SpecError($"search_space.{SearchKeys.PoolZipf.Name}", "shapes a rendered SynthFace pool; data.dataset names a stored one"));
        }
        foreach (var parameter in space.Parameters)
        {
            var field = $"search_space.{parameter.Key}";
            var key = SearchKeys.Find(parameter.Key);
            if (key is null)
            {
                errors.Add(new SpecError(field, NameSuggestions.UnknownName(parameter.Key, SearchKeys.All.Select(known => known.Name))));
                continue;
            }
            errors.AddRange(ValidateDomain(key, parameter.Domain).Select(problem => new SpecError(field, problem)));
        }
    }

    private static IEnumerable<string> ValidateDomain(SearchKey key, SearchDomain domain)
    {
        switch (domain.Kind)
        {
            case SearchDomainKind.Fixed or SearchDomainKind.Grid or SearchDomainKind.Choice:
                if (domain.Values.Count == 0)
                {
                    yield return $"{Spelling(domain.Kind)} has no values";
                }
                if (domain.Kind == SearchDomainKind.Fixed && domain.Values.Count > 1)
                {
                    yield return "a fixed value must be a single value";
                }
                foreach (var problem in domain.Values.Select(key.Check).OfType<string>())
                {
                    yield return problem;
                }
                break;
            case SearchDomainKind.Uniform or SearchDomainKind.LogUniform:
                if (key.ValueType != SearchValueType.Real)
                {
                    yield return $"{Spelling(domain.Kind)} needs real values; use {(key.ValueType == SearchValueType.Integer ? "randint" : "choice")}";
                    yield break;
                }
                foreach (var problem in RangeProblems(key, domain))
                {
                    yield return problem;
                }
                if (domain.Kind == SearchDomainKind.LogUniform && domain.Low <= 0)
                {
                    yield return $"loguniform needs a positive lower bound; got {domain.Low}";
                }
                break;
            case SearchDomainKind.RandInt:
                if (key.ValueType != SearchValueType.Integer)
                {
                    yield return $"randint needs an integer key; use {(key.ValueType == SearchValueType.Real ? "uniform" : "choice")}";
                    yield break;
                }
                if (domain.Low != Math.Floor(domain.Low) || domain.High != Math.Floor(domain.High))
                {
                    yield return "randint bounds must be integers";
                }
                foreach (var problem in RangeProblems(key, domain))
                {
                    yield return problem;
                }
                break;
        }
    }

    private static IEnumerable<string> RangeProblems(SearchKey key, SearchDomain domain)
    {
        if (!(domain.Low < domain.High))
        {
            yield return $"{Spelling(domain.Kind)} needs [low, high] with low < high; got [{domain.Low}, {domain.High}]";
        }
        foreach (var problem in new[] { key.CheckBounds(domain.Low), key.CheckBounds(domain.Kind == SearchDomainKind.RandInt ? domain.High - 1 : domain.High) }.OfType<string>())
        {
            yield return problem;
        }
    }

    /// <summary>The spec's spelling of a domain kind, for messages.</summary>
    public static string Spelling(SearchDomainKind kind) => kind switch
    {
        SearchDomainKind.Fixed => "value",
        SearchDomainKind.LogUniform => "loguniform",
        SearchDomainKind.RandInt => "randint",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdentifierPattern();
}
