using System.Text.Json;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// The fields of one epoch as the machine-readable outputs write them (<c>trial show --format json</c> and the
/// <c>--epochs</c> export): camelCase in JSON, snake_case as CSV columns. Metrics are on the validation pairs.
/// </summary>
public static class EpochCurve
{
    public static IReadOnlyList<(string Name, Func<EpochMetrics, object> Value)> Fields { get; } =
    [
        ("epoch", epoch => epoch.Epoch),
        ("trainLoss", epoch => epoch.Loss),
        ("validationAccuracy", epoch => epoch.ValidationOrNaN().Accuracy),
        ("validationTar", epoch => epoch.ValidationOrNaN().Tar),
        ("far", epoch => epoch.ValidationOrNaN().Far),
        ("seconds", epoch => epoch.Seconds),
    ];

    /// <summary>One epoch as a JSON object, its fields in order.</summary>
    public static Dictionary<string, object> Json(EpochMetrics epoch) => Fields.ToDictionary(field => field.Name, field => field.Value(epoch));

    public static string CsvName(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
