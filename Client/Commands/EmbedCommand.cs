using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Models;
using FaceKdGrid.Client.Output;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Trials;
using Spectre.Console;
using TorchSharp;

namespace FaceKdGrid.Client.Commands;

/// <summary>facekd embed MODEL IMAGES... --out FILE [--flip]: any model's embeddings of aligned face crops, one row per image.</summary>
public sealed class EmbedCommand(CliContext context, ConnectionOptions connection)
{
    public Command Build()
    {
        var modelArgument = new ModelArgument(context, connection);
        var images = new Argument<string[]>("images") { Description = "aligned face crops (any image format SkiaSharp decodes), resized to the model's input size", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = $"the file to write: {string.Join(" or ", EmbeddingFile.Extensions)}, by its extension", Required = true };
        var flip = new Option<bool>("--flip") { Description = "add the horizontally flipped image's embedding to each (as evaluation does, before normalising)" };
        var command = new Command("embed", "write a model's embeddings of face images, one row per image in the order given (not normalised)");
        // MODEL comes before IMAGES.
        modelArgument.AddTo(command);
        command.Arguments.Add(images);
        command.Options.Add(output);
        command.Options.Add(flip);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            var path = parseResult.GetValue(output)!;
            if (!EmbeddingFile.IsSupported(path))
            {
                throw new BadInputException($"--out: '{path}' must end in {string.Join(" or ", EmbeddingFile.Extensions)}");
            }
            TorchRuntime.Initialise();
            var device = TorchRuntime.ResolveDevice("auto");
            using var model = await modelArgument.LoadAsync(parseResult, cancellationToken);
            model.Network.to(device);
            var files = parseResult.GetValue(images)!;
            using var faces = Decode(files, model.Network.InputSize);
            using var embeddings = FaceEmbeddings.ComputeRaw(model.Network, faces, device, new TrialContext(device).EvaluationBatchSize, parseResult.GetValue(flip));
            var values = embeddings.data<float>().ToArray();
            var width = model.Network.EmbeddingSize;
            var rows = Enumerable.Range(0, files.Length).Select(row => values[(row * width)..((row + 1) * width)]).ToArray();
            EmbeddingFile.Write(path, files, rows);
            context.Messages.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"wrote {rows.Length} embeddings of {model.Network.EmbeddingSize} values to {path}")));
            return ExitCodes.Done;
        }));
        return command;
    }

    /// <summary>The images as crops of <paramref name="size"/> px; one that does not decode is bad input, and nothing is written.</summary>
    private static FaceSet Decode(string[] files, int size)
    {
        var pixels = new byte[files.Length][];
        for (var index = 0; index < files.Length; index++)
        {
            if (!File.Exists(files[index]))
            {
                throw new BadInputException($"image '{files[index]}' does not exist; nothing was written");
            }
            if (!FaceImageDecoder.TryDecode(File.ReadAllBytes(files[index]), size, out var decoded, out var failure))
            {
                throw new BadInputException($"image '{files[index]}' cannot be read ({failure}); nothing was written");
            }
            pixels[index] = decoded;
        }
        return new FaceSet(torch.tensor(pixels.SelectMany(image => image).ToArray(), [files.Length, 3, size, size]));
    }
}
