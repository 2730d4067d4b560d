using System.CommandLine;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Client.Commands;

/// <summary>What the data commands share: turning readers' and stores' errors into bad input, and the checks on names.</summary>
internal static class DataInput
{
    /// <summary>Bad arguments, unreadable sources and unreachable stores are the user's to fix: exit code 2 with the reason.</summary>
    public static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException)
        {
            throw new BadInputException(error.Message);
        }
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException)
        {
            throw new BadInputException(error.Message);
        }
    }

    public static Option<bool> ForceOption(string description) => new("--force") { Description = description };

    public static void AddAll(Command command, IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// A data set's or teacher's name as specs may use it; a name with '/' would also be a folder of another name's
    /// keys, which replacing that other set would delete.
    /// </summary>
    public static string ValidName(string name) => SweepSpecValidator.IsIdentifier(name)
        ? name
        : throw new BadInputException($"'{name}' is not a valid name: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (sweep specs refer to it by this name)");

    public static async Task RefuseExistingDatasetAsync(IArtifactStore store, string datasetName, CancellationToken cancellationToken)
    {
        if (await GuardAsync(() => DatasetArtifacts.TryReadIndexAsync(store, datasetName, cancellationToken)) is not null)
        {
            throw new BadInputException($"data set '{datasetName}' already exists in {store.Describe(DatasetArtifacts.IndexKey(datasetName))}; nothing was changed (--force replaces it)");
        }
    }

    public static async Task RequireDatasetAsync(IArtifactStore store, string datasetName, string hint, CancellationToken cancellationToken)
    {
        if (await GuardAsync(() => DatasetArtifacts.TryReadIndexAsync(store, datasetName, cancellationToken)) is null)
        {
            throw new BadInputException($"there is no data set '{datasetName}' in {store.Describe(DatasetArtifacts.IndexKey(datasetName))}; {hint}");
        }
    }

    public static string Describe(StoredDatasetIndex index) => index.Kind == StoredDatasetIndex.PairsKind
        ? $"{index.Count / 2} pairs in {index.FoldCount} folds"
        : $"{index.Count} images in {index.Shards.Count} shards";
}
