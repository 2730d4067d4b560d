using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Storage;
using Spectre.Console;
using static FaceKdGrid.Client.Commands.DataInput;

namespace FaceKdGrid.Client.Commands;

/// <summary>
/// facekd data push|pull: move a stored data set, or a teacher file, between the local artifact folder and the
/// cluster's store, every artifact checked against its SHA-256 (<see cref="ArtifactCopy"/>).
/// </summary>
public sealed class DataTransferCommands(CliContext context, StoreOptions stores)
{
    /// <summary>Where pushed teacher files are kept in a store; a spec names one as teacher.path: teachers/NAME.</summary>
    private const string TeachersFolder = "teachers";

    private IAnsiConsole Messages => context.Messages;

    public Command Push()
    {
        var name = new Argument<string>("name") { Description = "the data set (in --artifacts) or, with --teacher, the name to store the teacher file under" };
        var teacher = new Option<FileInfo?>("--teacher") { Description = "push this teacher file (a FaceKdGrid checkpoint or a PyTorch .pth) as teachers/NAME" };
        var force = ForceOption("replace what the cluster's store holds under the name");
        var command = new Command("push", "copy a data set (or a teacher file) from the local artifact folder to the cluster's store, checking every SHA-256") { name, teacher, force };
        AddAll(command, stores.ForBoth);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var id = parseResult.GetValue(name)!;
            var cluster = stores.ClusterStore(parseResult);
            if (parseResult.GetValue(teacher) is { } file)
            {
                var key = TeacherKey(id);
                if (!file.Exists)
                {
                    throw new BadInputException($"--teacher: there is no file at '{file.FullName}'");
                }
                await RefuseExistingAsync(cluster, key, parseResult.GetValue(force), cancellationToken);
                var pushed = await GuardAsync(() => ArtifactCopy.FromFileAsync(file.FullName, cluster, key, cancellationToken));
                Messages.MarkupLine($"pushed teacher [bold]{Markup.Escape(id)}[/] ({Bytes(pushed.Length)}, SHA-256 {pushed.Sha256}) to {Markup.Escape(cluster.Describe(key))}; " +
                    $"a spec uses it as teacher: {{ kind: checkpoint, path: {Markup.Escape(key)} }}");
                return ExitCodes.Done;
            }
            var datasetName = ValidName(id);
            var local = stores.LocalStore(parseResult);
            await RequireDatasetAsync(local, datasetName, "ingest it first (facekd data ingest SOURCE --name NAME --format ...)", cancellationToken);
            if (!parseResult.GetValue(force))
            {
                await RefuseExistingDatasetAsync(cluster, datasetName, cancellationToken);
            }
            var index = await GuardAsync(() => DatasetArtifacts.CopyAsync(local, cluster, datasetName, cancellationToken));
            Messages.MarkupLine($"pushed data set [bold]{Markup.Escape(datasetName)}[/]: {Describe(index)} to {Markup.Escape(cluster.Describe(DatasetArtifacts.IndexKey(datasetName)))}");
            return ExitCodes.Done;
        }));
        return command;
    }

    public Command Pull()
    {
        var name = new Argument<string>("name") { Description = "the data set (into --artifacts) or, with --teacher, the stored teacher file's name" };
        var teacher = new Option<FileInfo?>("--teacher") { Description = "pull teachers/NAME into this file" };
        var force = ForceOption("replace the local data set or file of that name");
        var command = new Command("pull", "copy a data set (or a teacher file) from the cluster's store to the local artifact folder, checking every SHA-256") { name, teacher, force };
        AddAll(command, stores.ForBoth);
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(Messages, async () =>
        {
            var id = parseResult.GetValue(name)!;
            var cluster = stores.ClusterStore(parseResult);
            if (parseResult.GetValue(teacher) is { } file)
            {
                var key = TeacherKey(id);
                if (file.Exists && !parseResult.GetValue(force))
                {
                    throw new BadInputException($"--teacher: '{file.FullName}' already exists; --force replaces it");
                }
                if (await GuardAsync(() => cluster.GetInfoAsync(key, cancellationToken)) is null)
                {
                    throw new BadInputException($"there is no teacher '{id}' in the cluster's store ({cluster.Describe(key)}); push it first (facekd data push {id} --teacher FILE)");
                }
                var pulled = await GuardAsync(() => ArtifactCopy.ToFileAsync(cluster, key, file.FullName, cancellationToken));
                Messages.MarkupLine($"pulled teacher [bold]{Markup.Escape(id)}[/] ({Bytes(pulled.Length)}, SHA-256 {pulled.Sha256}) to {Markup.Escape(file.FullName)}");
                return ExitCodes.Done;
            }
            var datasetName = ValidName(id);
            var local = stores.LocalStore(parseResult);
            await RequireDatasetAsync(cluster, datasetName, "facekd data list --store cluster shows what it holds", cancellationToken);
            if (!parseResult.GetValue(force))
            {
                await RefuseExistingDatasetAsync(local, datasetName, cancellationToken);
            }
            var index = await GuardAsync(() => DatasetArtifacts.CopyAsync(cluster, local, datasetName, cancellationToken));
            Messages.MarkupLine($"pulled data set [bold]{Markup.Escape(datasetName)}[/]: {Describe(index)} to {Markup.Escape(local.Describe(DatasetArtifacts.IndexKey(datasetName)))}");
            return ExitCodes.Done;
        }));
        return command;
    }

    private static string TeacherKey(string name) => ArtifactKey.Combine(TeachersFolder, ValidName(name));

    private static async Task RefuseExistingAsync(IArtifactStore store, string key, bool force, CancellationToken cancellationToken)
    {
        if (!force && await GuardAsync(() => store.GetInfoAsync(key, cancellationToken)) is not null)
        {
            throw new BadInputException($"'{key}' already exists in {store.Describe(key)}; nothing was changed (--force replaces it)");
        }
    }

    private static string Bytes(long length) => $"{length.ToString("N0", CultureInfo.InvariantCulture)} bytes";
}
