using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// Submission's check of the stored sets a sweep's evaluation names: the test and validation sets must be stored
/// verification pairs and the agreement set stored faces, so a typo fails at submit rather than in every trial.
/// </summary>
public static class EvaluationSetsCheck
{
    public static async Task<IReadOnlyList<SpecError>> ValidateAsync(EvaluationSpec evaluation, SweepDataProvider provider, CancellationToken cancellationToken)
    {
        var errors = new List<SpecError>();
        foreach (var (field, name, kind) in NamedSets(evaluation))
        {
            var index = await provider.FindAsync(name, cancellationToken);
            if (index is null)
            {
                errors.Add(new SpecError(field, $"'{name}' is not in the artifact store; ingest it first with 'facekd data ingest'"));
            }
            else if (index.Kind != kind)
            {
                errors.Add(new SpecError(field, kind == StoredDatasetIndex.PairsKind
                    ? $"'{name}' holds faces, not verification pairs"
                    : $"'{name}' holds verification pairs, not a set of faces"));
            }
        }
        return errors;
    }

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
