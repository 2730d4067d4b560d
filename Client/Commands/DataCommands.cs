using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Synth;
using Spectre.Console;
using static FaceKdGrid.Client.Commands.DataInput;

namespace FaceKdGrid.Client.Commands;

/// <summary>
/// facekd data synth|faces|ingest|list|push|pull: make SynthFace sets, take real faces from photos, bring real data
/// sets into an artifact store, see what is there, move data sets and teacher files between a local folder and the
/// cluster's store.
/// </summary>
public sealed class DataCommands(CliContext context)
{
    private static readonly string[] SynthKinds = ["labeled", "pool", "pairs"];
    private static readonly string[] IngestFormats = ["folder", "rec", "bin", "lfw"];

    private readonly StoreOptions stores = new(context);

    private IAnsiConsole Messages => context.Messages;

    public Command Build()
    {
        var data = new Command("data", "SynthFace sets and real data sets");
        data.Subcommands.Add(Synth());
        data.Subcommands.Add(Faces());
        data.Subcommands.Add(Ingest());
        data.Subcommands.Add(List());
        var transfers = new DataTransferCommands(context, stores);
        data.Subcommands.Add(transfers.Push());
        data.Subcommands.Add(transfers.Pull());
        return data;
    }

    private Command Synth()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "folder to write the images into", Required = true };
        var kind = new Option<string>("--kind") { Description = "labeled (a folder per identity), pool (flat, unlabeled) or pairs (LFW layout)", DefaultValueFactory = _ => "labeled" }
            .AcceptOnlyFromAmong(SynthKinds);
        var size = new Option<int>("--size") { Description = "crop side in pixels", DefaultValueFactory = _ => 112 };
        var difficulty = new Option<string>("--difficulty") { Description = "easy, standard or hard", DefaultValueFactory = _ => "standard" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 7 };
        var identities = new Option<int>("--identities") { DefaultValueFactory = _ => 20 };
        var perIdentity = new Option<int>("--images-per-identity") { Description = "labeled sets", DefaultValueFactory = _ => 5 };
        var images = new Option<int>("--images") { Description = "pool size", DefaultValueFactory = _ => 200 };
        var zipf = new Option<double>("--zipf") { Description = "pool imbalance (Zipf exponent; 0 = balanced)", DefaultValueFactory = _ => 1.0 };
        var pairsPerFold = new Option<int>("--pairs-per-fold") { DefaultValueFactory = _ => 30 };
        var folds = new Option<int>("--folds") { DefaultValueFactory = _ => 10 };
        var command = new Command("synth", "write a SynthFace set as PNG files, with a contact sheet")
        {
            output, kind, size, difficulty, seed, identities, perIdentity, images, zipf, pairsPerFold, folds,
        };
        command.SetAction(parseResult => FacekdApp.GuardAsync(Messages, () =>
        {
            TorchRuntime.Initialise();
            var folder = parseResult.GetValue(output)!.FullName;
            var generator = new SynthFaceGenerator(Guard(() => new SynthFaceOptions(parseResult.GetValue(size), SynthFaceDifficulty.Parse(parseResult.GetValue(difficulty)!), parseResult.GetValue(seed))));
            var identityCount = parseResult.GetValue(identities);
            FaceSet sheet;
            switch (parseResult.GetValue(kind))
            {
                case "pool":
                    sheet = Guard(() => generator.RenderUnlabeledPool(0, identityCount, parseResult.GetValue(images), parseResult.GetValue(zipf)));
                    FaceImageFiles.WriteFolder(sheet, folder);
                    break;
                case "pairs":
                    using (var pairs = Guard(() => generator.RenderVerificationWithIdentities(0, identityCount, parseResult.GetValue(pairsPerFold), parseResult.GetValue(folds))))
                    {
                        FaceImageFiles.WriteLfwPairs(pairs.Set, pairs.ImageIdentities, folder);
                        sheet = new FaceSet(pairs.Set.Images.narrow(0, 0, Math.Min(64, pairs.Set.Images.shape[0])).clone());
                    }
                    break;
                default:
                    sheet = Guard(() => generator.RenderLabeled(0, identityCount, parseResult.GetValue(perIdentity)));
                    FaceImageFiles.WriteFolder(sheet, folder);
                    break;
            }
            using (sheet)
            {
                var contactSheet = WriteContactSheet(sheet, folder);
                Messages.MarkupLine($"wrote {sheet.Count.ToString(CultureInfo.InvariantCulture)} synthetic faces to [bold]{Markup.Escape(folder)}[/] (contact sheet: {Markup.Escape(contactSheet)})");
            }
            return Task.FromResult(ExitCodes.Done);
        }));
        return command;
    }

    private Command Faces()
    {
        var photos = new Argument<string[]>("photos") { Description = "photos, or folders of photos (their image files, not sub-folders)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder to write the aligned faces into (flat, unlabeled: facekd data ingest --format folder reads it)", Required = true };
        var size = new Option<int>("--size") { Description = "crop side in pixels", DefaultValueFactory = _ => 112 };
        var minScore = new Option<double?>("--min-score") { Description = "the face detector's minimum confidence, between 0 and 1 (default: face-api's 0.5)" };
        var command = new Command("faces", "find the faces in photos (face-api's detector and landmarks under Node), align them to the ArcFace template, write them as PNG files with a contact sheet")
        {
            photos, output, size, minScore,
        };
        command.SetAction(parseResult => FacekdApp.GuardAsync(Messages, () =>
        {
            TorchRuntime.Initialise();
            var folder = parseResult.GetValue(output)!.FullName;
            using var extracted = ExtractFaces(parseResult.GetValue(photos)!, parseResult.GetValue(size), parseResult.GetValue(minScore));
            if (extracted is null)
            {
                return Task.FromResult(ExitCodes.Failed);
            }
            foreach (var skipped in extracted.Report.Skipped)
            {
                Messages.MarkupLine($"[yellow]skipped[/] {Markup.Escape(skipped.Item)}: {Markup.Escape(skipped.Reason)}");
            }
            if (extracted.Report.ImagesRead == 0)
            {
                throw new BadInputException($"none of the {extracted.Report.Skipped.Count} image files could be decoded; nothing was written");
            }
            var table = new Table().AddColumns("photo", "faces");
            foreach (var photo in extracted.Photos)
            {
                table.AddRow(Markup.Escape(photo.Photo), photo.FacesFound.ToString(CultureInfo.InvariantCulture));
            }
            context.Console.Write(table);
            if (extracted.Faces.Count == 0)
            {
                throw new BadInputException($"no faces found in {extracted.Photos.Count} photos; nothing was written (a lower --min-score finds less certain faces)");
            }
            FaceImageFiles.WriteFolder(extracted.Faces, folder);
            var contactSheet = WriteContactSheet(extracted.Faces, folder);
            Messages.MarkupLine($"wrote {extracted.Faces.Count.ToString(CultureInfo.InvariantCulture)} aligned faces from {extracted.Photos.Count.ToString(CultureInfo.InvariantCulture)} photos to [bold]{Markup.Escape(folder)}[/] (contact sheet: {Markup.Escape(contactSheet)})");
            return Task.FromResult(ExitCodes.Done);
        }));
        return command;
    }

    /// <summary>The faces of the photos; null, with the error shown, when the detection script itself failed.</summary>
    private ExtractedPhotoFaces? ExtractFaces(string[] photos, int size, double? minScore)
    {
        try
        {
            return Guard(() => PhotoFaces.Extract(photos, size, minScore));
        }
        catch (InvalidOperationException error)
        {
            // Not the user's input: node's own error output is in the message.
            Messages.MarkupLine($"[red]error:[/] face detection failed: {Markup.Escape(error.Message)}");
            return null;
        }
    }

    private Command Ingest()
    {
        var source = new Argument<string>("source") { Description = "an image folder, a train.rec, a verification .bin, or LFW's pairs.txt" };
        var name = new Option<string>("--name") { Description = "the data set's name, as sweep specs refer to it", Required = true };
        var format = new Option<string>("--format") { Description = "folder, rec (InsightFace RecordIO), bin (InsightFace verification pairs) or lfw (pairs.txt)", Required = true }
            .AcceptOnlyFromAmong(IngestFormats);
        var size = new Option<int>("--size") { Description = "crop side in pixels the images are resized to", DefaultValueFactory = _ => 112 };
        var shardSize = new Option<int>("--shard-size") { Description = "images per shard (folder, rec: memory holds one shard of decoded images)", DefaultValueFactory = _ => DatasetIngest.DefaultImagesPerShard };
        var lfwImages = new Option<DirectoryInfo?>("--images") { Description = "lfw: the image folder (default: 'images' or 'lfw' beside pairs.txt)" };
        var extension = new Option<string>("--image-extension") { Description = "lfw: image file extension", DefaultValueFactory = _ => ".jpg" };
        var folds = new Option<int>("--folds") { Description = "bin: verification folds", DefaultValueFactory = _ => 10 };
        var force = ForceOption("replace a data set already stored under the name");
        var command = new Command("ingest", "read a real data set and store it as shards in the local artifact folder or the cluster's store")
        {
            source, name, format, size, shardSize, lfwImages, extension, folds, force,
        };
        AddAll(command, stores.ForOneStore);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            TorchRuntime.Initialise();
            var path = parseResult.GetValue(source)!;
            var datasetName = ValidName(parseResult.GetValue(name)!);
            var store = stores.Chosen(parseResult);
            if (!parseResult.GetValue(force))
            {
                await RefuseExistingDatasetAsync(store, datasetName, cancellationToken);
            }
            var imageSize = parseResult.GetValue(size);
            StoredDatasetIndex index;
            switch (parseResult.GetValue(format))
            {
                case "bin":
                    using (var pairs = Guard(() => VerificationBinReader.Read(path, imageSize, parseResult.GetValue(folds))))
                    {
                        index = await GuardAsync(() => DatasetArtifacts.WritePairsAsync(store, datasetName, pairs, cancellationToken));
                    }
                    break;
                case "lfw":
                    var images = parseResult.GetValue(lfwImages)?.FullName ?? DefaultLfwImages(path);
                    using (var pairs = Guard(() => LfwPairsReader.Read(path, images, imageSize, parseResult.GetValue(extension)!)))
                    {
                        index = await GuardAsync(() => DatasetArtifacts.WritePairsAsync(store, datasetName, pairs, cancellationToken));
                    }
                    break;
                default:
                    IFaceSource faces = Guard<IFaceSource>(() => parseResult.GetValue(format) == "rec" ? new RecordIoReader(path, imageSize) : new ImageFolderReader(path, imageSize));
                    var imagesStored = 0L;
                    var (stored, report) = await GuardAsync(() => DatasetArtifacts.IngestFacesAsync(store, datasetName, faces, parseResult.GetValue(shardSize),
                        shard => Messages.MarkupLine($"stored shard {Markup.Escape(shard.Key)} ({(imagesStored += shard.Manifest.Count).ToString("N0", CultureInfo.InvariantCulture)} images so far)"),
                        cancellationToken));
                    foreach (var skipped in report.Skipped)
                    {
                        Messages.MarkupLine($"[yellow]skipped[/] {Markup.Escape(skipped.Item)}: {Markup.Escape(skipped.Reason)}");
                    }
                    Messages.MarkupLine($"read {report.ImagesRead.ToString(CultureInfo.InvariantCulture)} images, skipped {report.Skipped.Count.ToString(CultureInfo.InvariantCulture)}");
                    index = stored;
                    break;
            }
            Messages.MarkupLine($"stored data set [bold]{Markup.Escape(datasetName)}[/]: {Describe(index)} in {Markup.Escape(store.Describe(DatasetArtifacts.IndexKey(datasetName)))}");
            return ExitCodes.Done;
        }));
        return command;
    }

    private Command List()
    {
        var command = new Command("list", "the data sets in the local artifact folder or the cluster's store");
        AddAll(command, stores.ForOneStore);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var store = stores.Chosen(parseResult);
            var table = new Table().AddColumns("data set", "kind", "images", "shards", "size", "labels", "balance");
            foreach (var key in await GuardAsync(async () => await store.ListAsync("datasets/", cancellationToken).ToListAsync(cancellationToken)))
            {
                if (!key.EndsWith("/index.json", StringComparison.Ordinal))
                {
                    continue;
                }
                var id = key["datasets/".Length..^"/index.json".Length];
                if (await GuardAsync(() => DatasetArtifacts.TryReadIndexAsync(store, id, cancellationToken)) is { } index)
                {
                    var first = index.Shards[0].Manifest;
                    var isFaces = index.Kind == StoredDatasetIndex.FacesKind;
                    var balance = isFaces ? index.Shards.Select(s => s.Manifest.Balance).FirstOrDefault(b => b is not null) : null;
                    table.AddRow(id, index.Kind, index.Count.ToString(CultureInfo.InvariantCulture), index.Shards.Count.ToString(CultureInfo.InvariantCulture),
                        $"{first.ImageSize} px", isFaces ? (first.HasLabels ? "identities" : "none") : "same/different", balance?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
                }
            }
            context.Console.Write(table);
            return ExitCodes.Done;
        }));
        return command;
    }

    /// <summary>The first 64 faces as a PNG beside the folder, not in it, so that ingesting the folder reads faces only.</summary>
    private static string WriteContactSheet(FaceSet faces, string folder)
    {
        var path = folder.TrimEnd(Path.DirectorySeparatorChar) + "-contact-sheet.png";
        using var shown = faces.Images.narrow(0, 0, Math.Min(64, faces.Count));
        ContactSheet.Write(shown, path, columns: 8);
        return path;
    }

    private static string DefaultLfwImages(string pairsPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(pairsPath))!;
        return new[] { "images", "lfw" }.Select(name => Path.Combine(folder, name)).FirstOrDefault(Directory.Exists)
            ?? throw new BadInputException($"--images: no 'images' or 'lfw' folder beside {pairsPath}; name the LFW image folder");
    }
}
