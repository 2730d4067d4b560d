using System.CommandLine;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Client.Models;

/// <summary>
/// The MODEL of facekd embed and evaluate, and the options that complete it: <c>dlib</c>, an ONNX file, a FaceKdGrid
/// checkpoint file, a PyTorch state dict with <c>--arch</c>, or a trial as SWEEP/TRIAL (its final checkpoint, streamed
/// out of the cluster or .facekd/ by <see cref="ITrialModelGrain"/>). Each becomes a <see cref="ModelSource"/>, the
/// engine's one way to load a model.
/// </summary>
public sealed class ModelArgument(CliContext context, ConnectionOptions connection)
{
    private const string DlibName = "dlib";
    private const string OnnxExtension = ".onnx";

    private readonly Argument<string> model = new("model")
    {
        Description = "dlib, an ONNX file (.onnx), a FaceKdGrid checkpoint, a PyTorch state dict (with --arch), or a trial as SWEEP/TRIAL",
    };

    private readonly Option<string?> architecture = new("--arch")
    {
        Description = "a PyTorch state dict's architecture, e.g. iresnet50 or \"iresnet18:width=0.25\" (InsightFace parameter names)",
    };

    private readonly Option<int?> embeddingSize = new("--embedding-size")
    {
        Description = $"a PyTorch state dict's embedding size (default {ModelSource.InsightFaceEmbeddingSize}, InsightFace's)",
    };

    private readonly Option<int?> inputSize = new("--input-size")
    {
        Description = $"a PyTorch state dict's or ONNX model's crop side (default: the ONNX model's metadata or input shape, else {OnnxInputFormat.InsightFaceInputSize})",
    };

    private readonly Option<string?> channelOrder = new Option<string?>("--channel-order")
    {
        Description = "an ONNX model's channel order (default: its metadata, else rgb)",
    }.AcceptOnlyFromAmong([.. OnnxInputFormat.ChannelOrders]);

    private readonly Option<double[]?> mean = new("--mean")
    {
        Description = "an ONNX model's input = (pixel - mean) / scale: one value or three (default: its metadata, else 127.5)",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<double[]?> scale = new("--scale")
    {
        Description = "see --mean (default: its metadata, else 127.5)",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<DirectoryInfo> artifacts = new("--artifacts")
    {
        Description = "the artifact folder that holds the data sets (the embedded silo's default)",
        DefaultValueFactory = _ => new DirectoryInfo(context.ArtifactsRoot),
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(model);
        foreach (var option in new Option[] { architecture, embeddingSize, inputSize, channelOrder, mean, scale, artifacts })
        {
            command.Options.Add(option);
        }
    }

    public string Text(ParseResult parseResult) => parseResult.GetValue(model)!;

    /// <summary>The artifact folder (--artifacts) a command's data sets are read from.</summary>
    public LocalFolderArtifactStore Store(ParseResult parseResult) => new(parseResult.GetValue(artifacts)!.FullName);

    /// <summary>The model the command line names, loaded and frozen; what it cannot load is bad input (exit code 2).</summary>
    public async Task<TeacherModel> LoadAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var text = Text(parseResult);
        try
        {
            var source = await SourceAsync(parseResult, text, cancellationToken);
            return await source.LoadAsync(Store(parseResult), cancellationToken);
        }
        catch (ArgumentException refused)
        {
            // The engine names the setting at the start of its message; .NET's " (Parameter 'x')" suffix adds nothing.
            var message = refused.Message;
            var suffix = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            throw new BadInputException($"model '{text}': {(suffix < 0 ? message : message[..suffix])}");
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            throw new BadInputException($"model '{text}': {error.Message}");
        }
    }

    /// <summary>An option's numbers, or null when it is not given (so the model's metadata decides).</summary>
    private static double[]? PerChannel(ParseResult parseResult, Option<double[]?> option) =>
        parseResult.GetValue(option) is { Length: > 0 } values ? values : null;

    private async Task<ModelSource> SourceAsync(ParseResult parseResult, string text, CancellationToken cancellationToken)
    {
        if (text == DlibName)
        {
            return new ModelSource.Dlib();
        }
        if (text.EndsWith(OnnxExtension, StringComparison.OrdinalIgnoreCase))
        {
            return new ModelSource.Onnx(text, new OnnxInputSettings
            {
                InputSize = parseResult.GetValue(inputSize),
                ChannelOrder = parseResult.GetValue(channelOrder),
                Mean = PerChannel(parseResult, mean),
                Scale = PerChannel(parseResult, scale),
            });
        }
        if (File.Exists(text))
        {
            var stateDictArchitecture = parseResult.GetValue(architecture);
            var source = ModelSource.CheckpointOrStateDict(text, stateDictArchitecture ?? "", parseResult.GetValue(inputSize) ?? OnnxInputFormat.InsightFaceInputSize,
                parseResult.GetValue(embeddingSize) ?? ModelSource.InsightFaceEmbeddingSize);
            return source is ModelSource.PyTorch && string.IsNullOrWhiteSpace(stateDictArchitecture)
                ? throw new BadInputException($"--arch: '{text}' is not a FaceKdGrid checkpoint, so it is read as a PyTorch state dict, which needs its architecture (e.g. --arch iresnet50)")
                : source;
        }
        if (text.Count(character => character == '/') == 1 && !text.StartsWith('/') && !text.EndsWith('/'))
        {
            return new ModelSource.ReadCheckpoint(await TrialCheckpointAsync(parseResult, text, cancellationToken));
        }
        throw new BadInputException($"model '{text}' is neither dlib, an existing checkpoint, state dict or .onnx file, nor a trial as SWEEP/TRIAL");
    }

    /// <summary>A trial's final checkpoint, streamed out of the cluster (or the embedded silo's state).</summary>
    private async Task<TrainingCheckpoint> TrialCheckpointAsync(ParseResult parseResult, string key, CancellationToken cancellationToken)
    {
        await using var grid = await connection.ConnectForQueryAsync(parseResult, context, cancellationToken);
        var (sweepId, trialId) = TrialKeys.Parse(key);
        return await FinishedTrialCheckpoint.ReadAsync(grid.Client, sweepId, trialId, cancellationToken);
    }
}
