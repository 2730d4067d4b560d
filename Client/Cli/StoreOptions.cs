using System.CommandLine;
using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Silo.Configuration;

namespace FaceKdGrid.Client.Cli;

/// <summary>
/// Where the data commands find artifact stores: the local folder (the embedded silo's, by default) and the cluster's
/// store, the blob container the silos read artifacts from (<see cref="ArtifactStoreSettings"/>), reached with the
/// silos' own connection-string variable.
/// </summary>
public sealed class StoreOptions(CliContext context)
{
    public const string Folder = "folder";

    public const string Cluster = "cluster";

    /// <summary>The silos' variables, so a client set up like a silo reaches the same container.</summary>
    public const string ConnectionStringVariable = "FACEKD_" + AzureSettings.Section + "__" + nameof(AzureSettings.ConnectionString);

    public const string ContainerVariable = "FACEKD_" + ArtifactStoreSettings.Section + "__" + nameof(ArtifactStoreSettings.Container);

    /// <summary>
    /// A person at a terminal should hear within seconds that the store is not there, not after the silos' two minutes
    /// of patience; a short outage is still ridden out.
    /// </summary>
    private static readonly ResilienceSettings Patience = ResilienceSettings.ArtifactStore with
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(0.5),
        MaxDelay = TimeSpan.FromSeconds(2),
    };

    private static readonly ArtifactStoreSettings SiloDefaults = new();

    public Option<DirectoryInfo> Artifacts { get; } = new("--artifacts")
    {
        Description = "the local artifact store folder (the embedded silo's default)",
        DefaultValueFactory = _ => new DirectoryInfo(context.ArtifactsRoot),
    };

    public Option<string> Container { get; } = new("--container")
    {
        Description = $"the cluster's blob container (default: ${ContainerVariable}, as for the silos, else {SiloDefaults.Container})",
        DefaultValueFactory = _ => FromEnvironment(ContainerVariable) ?? SiloDefaults.Container,
    };

    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = $"the cluster's storage account (better: ${ConnectionStringVariable}, as for the silos; it is a secret)",
    };

    /// <summary>Which store a command that works on one store uses.</summary>
    public Option<string> Store { get; } = new Option<string>("--store")
    {
        Description = $"{Folder} (--artifacts) or {Cluster} (the silos' blob container: --container, ${ConnectionStringVariable})",
        DefaultValueFactory = _ => Folder,
    }.AcceptOnlyFromAmong(Folder, Cluster);

    public IEnumerable<Option> ForOneStore => [Store, Artifacts, Container, ConnectionString];

    public IEnumerable<Option> ForBoth => [Artifacts, Container, ConnectionString];

    public IArtifactStore Chosen(ParseResult parseResult) => parseResult.GetValue(Store) == Cluster ? ClusterStore(parseResult) : LocalStore(parseResult);

    public IArtifactStore LocalStore(ParseResult parseResult) => new LocalFolderArtifactStore(parseResult.GetValue(Artifacts)!.FullName);

    public IArtifactStore ClusterStore(ParseResult parseResult)
    {
        var connectionString = parseResult.GetValue(ConnectionString) ?? FromEnvironment(ConnectionStringVariable)
            ?? throw new BadInputException($"the cluster's store needs its storage account: set ${ConnectionStringVariable} as for the silos (or --connection-string)");
        try
        {
            return new ResilientArtifactStore(new AzureBlobArtifactStore(connectionString, parseResult.GetValue(Container)!), Patience);
        }
        catch (ArgumentException error)
        {
            // The store's own messages name the problem and never quote the connection string.
            throw new BadInputException(error.Message);
        }
    }

    private static string? FromEnvironment(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
