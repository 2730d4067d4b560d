using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Models;
using FaceKdGrid.Client.Output;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Trials;
using Spectre.Console;
using TorchSharp;

namespace FaceKdGrid.Client.Commands;

/// <summary>
/// facekd evaluate MODEL --pairs DATASET: the LFW-protocol report a sweep gives a trial (the engine's own
/// <see cref="VerificationEvaluator"/>, same batch size), for any model kind, on an ingested pair set.
/// </summary>
public sealed class EvaluateCommand(CliContext context, ConnectionOptions connection)
{
    public Command Build()
    {
        var modelArgument = new ModelArgument(context, connection);
        var pairs = new Option<string>("--pairs") { Description = "an ingested pair set in the artifact folder (facekd data ingest --format bin|lfw; facekd data list shows them)", Required = true };
        var far = new Option<double?>("--far") { Description = "the FAR to report the TAR at (default: the smallest the mismatched pairs support)" };
        var plot = new Option<string?>("--plot") { Description = "write the ROC as a PNG" };
        var format = new QueryFormatOption();
        var command = new Command("evaluate", "verify a model on a pair set by the LFW protocol: accuracy ± std over folds, TAR at a named FAR, ROC")
        {
            pairs, far, plot, format.Option,
        };
        modelArgument.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            TorchRuntime.Initialise();
            var pairsName = parseResult.GetValue(pairs)!;
            using var set = await ReadPairsAsync(modelArgument.Store(parseResult), pairsName, cancellationToken);
            var device = TorchRuntime.ResolveDevice("auto");
            using var model = await modelArgument.LoadAsync(parseResult, cancellationToken);
            model.Network.to(device);
            VerificationResult result;
            try
            {
                result = VerificationEvaluator.Evaluate(model.Network, set, device, new TrialContext(device).EvaluationBatchSize, parseResult.GetValue(far));
            }
            catch (ArgumentException refused)
            {
                throw new BadInputException(refused.Message);
            }
            var modelName = modelArgument.Text(parseResult);
            if (parseResult.GetValue(plot) is { } plotPath)
            {
                RocPlot.Save(result, $"{modelName} on {pairsName}: ROC", plotPath);
            }
            if (format.IsJson(parseResult))
            {
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
                {
                    model = modelName,
                    pairs = pairsName,
                    pairCount = set.PairCount,
                    folds = set.FoldCount,
                    accuracy = result.Accuracy,
                    accuracyStd = result.AccuracyStd,
                    tar = result.Tar,
                    far = result.Far,
                    threshold = result.Threshold,
                    modelParams = model.Parameters,
                }));
            }
            else
            {
                Write(modelName, pairsName, set, result, model.Parameters);
            }
            return ExitCodes.Done;
        }));
        return command;
    }

    private static async Task<VerificationSet> ReadPairsAsync(IArtifactStore store, string name, CancellationToken cancellationToken)
    {
        var index = await DatasetArtifacts.TryReadIndexAsync(store, name, cancellationToken)
            ?? throw new BadInputException($"--pairs: no data set '{name}' in {store.Describe(DatasetArtifacts.IndexKey(name))}; 'facekd data list' shows the stored sets");
        return index.Kind == StoredDatasetIndex.PairsKind
            ? await DatasetArtifacts.ReadPairsAsync(store, index, cancellationToken)
            : throw new BadInputException($"--pairs: '{name}' holds {index.Kind}, not verification pairs (ingest a .bin or LFW pairs.txt)");
    }

    private void Write(string modelName, string pairsName, VerificationSet set, VerificationResult result, long parameters)
    {
        var facts = new Table().HideHeaders().AddColumns("field", "value").Title($"{Markup.Escape(modelName)} on {Markup.Escape(pairsName)}");
        void Fact(string name, string value) => facts.AddRow(new Text(name), new Text(value));
        Fact("pairs", string.Create(CultureInfo.InvariantCulture, $"{set.PairCount} in {set.FoldCount} folds"));
        Fact("accuracy", string.Create(CultureInfo.InvariantCulture, $"{result.Accuracy:0.0000} ± {result.AccuracyStd:0.0000}"));
        Fact(result.TarName, result.Tar.ToString("0.0000", CultureInfo.InvariantCulture));
        Fact("threshold (cosine)", result.Threshold.ToString("0.0000", CultureInfo.InvariantCulture));
        Fact("model params", parameters.ToString("N0", CultureInfo.InvariantCulture));
        context.Console.Write(facts);
    }
}
