using System.Globalization;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Every trial's epoch curve in one file, one row per trial and epoch: CSV (<c>trial_id,epoch,train_loss,...</c>) or
/// JSON (<c>{ sweepId, epochs: [{ trialId, epoch, trainLoss, ... }] }</c>) as the file's extension says.
/// </summary>
public static class EpochCurvesFile
{
    public const string Extensions = ".csv or .json";

    private const string TrialColumn = "trialId";

    public static bool Supports(string path) => IsCsv(path) || IsJson(path);

    public static void Write(string path, string sweepId, IEnumerable<TrialSnapshot> trials)
    {
        var rows = trials.SelectMany(trial => trial.Epochs.Select(epoch => (trial.TrialId, Epoch: epoch))).ToList();
        if (IsJson(path))
        {
            File.WriteAllText(path, JsonOutput.Serialize(new
            {
                sweepId,
                epochs = rows.Select(row => new Dictionary<string, object> { [TrialColumn] = row.TrialId }.Concat(EpochCurve.Json(row.Epoch)).ToDictionary()),
            }));
            return;
        }
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(',', EpochCurve.Fields.Select(field => field.Name).Prepend(TrialColumn).Select(EpochCurve.CsvName)));
        foreach (var (trialId, epoch) in rows)
        {
            writer.WriteLine(string.Join(',', EpochCurve.Fields.Select(field => Convert.ToString(field.Value(epoch), CultureInfo.InvariantCulture)).Prepend(trialId)));
        }
    }

    private static bool IsCsv(string path) => Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
}
