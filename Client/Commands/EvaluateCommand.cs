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
        var validationPairs = new Option<string?>("--validation-pairs") { Description = "a second ingested pair set, as a sweep's evaluation.validation_dataset: its accuracy is reported too" };
        var far = new Option<double?>("--far") { Description = "the FAR to report the TAR at (default: the smallest the mismatched pairs support)" };
        var plot = new Option<string?>("--plot") { Description = "write the ROC as a PNG" };
        var format = new QueryFormatOption();
        var command = new Command("evaluate", "verify a model on a pair set by the LFW protocol: accuracy ± std over folds, TAR at a named FAR, ROC")
        {
            pairs, validationPairs, far, plot, format.Option,
        };
        modelArgument.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            TorchRuntime.Initialise();
            var pairsName = parseResult.GetValue(pairs)!;
            var store = modelArgument.Store(parseResult);
            using var set = await ReadPairsAsync(store, "--pairs", pairsName, cancellationToken);
            using var validationSet = parseResult.GetValue(validationPairs) is { } validationName
                ? await ReadPairsAsync(store, "--validation-pairs", validationName, cancellationToken)
                : null;
            var device = TorchRuntime.ResolveDevice("auto");
            using var model = await modelArgument.LoadAsync(parseResult, cancellationToken);
            model.Network.to(device);
            var evaluationBatch = new TrialContext(device).EvaluationBatchSize;
            VerificationResult Evaluate(VerificationSet pairSet)
            {
                try
                {
                    return VerificationEvaluator.Evaluate(model.Network, pairSet, device, evaluationBatch, parseResult.GetValue(far));
                }
                catch (ArgumentException refused)
                {
                    throw new BadInputException(refused.Message);
                }
            }
            var result = Evaluate(set);
            var validation = validationSet is null ? null : Evaluate(validationSet);
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
                    validationAccuracy = validation?.Accuracy,
                    validationTar = validation?.Tar,
                    modelParams = model.Parameters,
                }));
            }
            else
            {
                Write(modelName, pairsName, set, result, validation, model.Parameters);
            }
            return ExitCodes.Done;
        }));
        return command;
    }

    private static async Task<VerificationSet> ReadPairsAsync(IArtifactStore store, string option, string name, CancellationToken cancellationToken)
    {
        var index = await DatasetArtifacts.TryReadIndexAsync(store, name, cancellationToken)
            ?? throw new BadInputException($"{option}: no data set '{name}' in {store.Describe(DatasetArtifacts.IndexKey(name))}; 'facekd data list' shows the stored sets");
        return index.Kind == StoredDatasetIndex.PairsKind
            ? await DatasetArtifacts.ReadPairsAsync(store, index, cancellationToken)
            : throw new BadInputException($"{option}: '{name}' holds {index.Kind}, not verification pairs (ingest a .bin or LFW pairs.txt)");
    }

    private void Write(string modelName, string pairsName, VerificationSet set, VerificationResult result, VerificationResult? validation, long parameters)
    {
        var facts = new Table().HideHeaders().AddColumns("field", "value").Title($"{Markup.Escape(modelName)} on {Markup.Escape(pairsName)}");
        void Fact(string name, string value) => facts.AddRow(new Text(name), new Text(value));
        Fact("pairs", string.Create(CultureInfo.InvariantCulture, $"{set.PairCount} in {set.FoldCount} folds"));
        Fact("accuracy", string.Create(CultureInfo.InvariantCulture, $"{result.Accuracy:0.0000} ± {result.AccuracyStd:0.0000}"));
        Fact(result.TarName, result.Tar.ToString("0.0000", CultureInfo.InvariantCulture));
        if (validation is not null)
        {
            Fact("accuracy (validation)", validation.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture));
        }
        Fact("threshold (cosine)", result.Threshold.ToString("0.0000", CultureInfo.InvariantCulture));
        Fact("model params", parameters.ToString("N0", CultureInfo.InvariantCulture));
        context.Console.Write(facts);
    }
}
