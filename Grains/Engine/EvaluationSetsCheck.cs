using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// Submission's check of the stored sets a sweep names: the pool and the agreement set must be stored faces, the test
/// and validation sets stored verification pairs, so a typo fails at submit rather than in every trial.
/// </summary>
public static class EvaluationSetsCheck
{
    public static async Task<IReadOnlyList<SpecError>> ValidateAsync(EvaluationSpec evaluation, SweepDataProvider provider, CancellationToken cancellationToken)
    {
        var errors = new List<SpecError>();
        foreach (var (field, name, kind) in NamedSets(evaluation))
        {
            if (RoleError(await provider.FindAsync(name, cancellationToken), field, name, kind) is { } error)
            {
                errors.Add(error);
            }
        }
        return errors;
    }

    /// <summary>Why the set a spec names under <paramref name="field"/> cannot serve as <paramref name="kind"/>; null when it can.</summary>
    public static SpecError? RoleError(StoredDatasetIndex? index, string field, string name, string kind) =>
        index is null ? new SpecError(field, $"'{name}' is not in the artifact store; ingest it first with 'facekd data ingest'")
        : index.Kind == kind ? null
        : new SpecError(field, kind == StoredDatasetIndex.PairsKind ? $"'{name}' holds faces, not verification pairs" : $"'{name}' holds verification pairs, not faces");

    private static IEnumerable<(string Field, string Name, string Kind)> NamedSets(EvaluationSpec evaluation)
    {
        if (evaluation.Dataset is { } test)
        {
            yield return ("evaluation.dataset", test, StoredDatasetIndex.PairsKind);
        }
        if (evaluation.ValidationDataset is { } validation)
        {
            yield return ("evaluation.validation_dataset", validation, StoredDatasetIndex.PairsKind);
        }
        if (evaluation.Agreement is { } agreement)
        {
            yield return ("evaluation.agreement", agreement, StoredDatasetIndex.FacesKind);
        }
    }
}
