using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FaceKdGrid.Silo.Configuration;

namespace FaceKdGrid.Silo.Azure;

/// <summary>
/// Clients of the one storage account (<see cref="AzureSettings.ConnectionString"/>) that holds the membership and
/// reminder tables, grain state and artifacts. The connection string is checked where first needed and never shown:
/// errors name the setting and the component that needs it.
/// </summary>
public sealed class AzureStorageClients(AzureSettings settings)
{
    /// <summary>
    /// A blob client without the SDK's own retries, for stores that retry whole operations through a Polly pipeline
    /// (stacked retries would multiply attempts and hide them from the pipeline's counters).
    /// </summary>
    public BlobServiceClient BlobsWithoutRetries(string neededBy) =>
        Create(neededBy, connection => new BlobServiceClient(connection, new BlobClientOptions { Retry = { MaxRetries = 0 } }));

    /// <summary>A table client with the SDK's retries: Orleans' membership and reminder tables retry on top of them.</summary>
    public TableServiceClient Tables(string neededBy) =>
        Create(neededBy, connection => new TableServiceClient(connection, new TableClientOptions { Retry = { Mode = RetryMode.Exponential } }));

    /// <summary>The connection string itself, for a component that builds its own client.</summary>
    public string ConnectionString(string neededBy) => Create(neededBy, connection => connection);

    private T Create<T>(string neededBy, Func<string, T> create)
    {
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new ArgumentException(
                $"{AzureSettings.ConnectionStringSetting} is required by {neededBy}; set it in the environment (FACEKD_Azure__ConnectionString)",
                AzureSettings.ConnectionStringSetting);
        }
        try
        {
            return create(settings.ConnectionString);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's message may quote the string: only its type is passed on.
            throw new ArgumentException(
                $"{AzureSettings.ConnectionStringSetting} (needed by {neededBy}) is not a valid Azure Storage connection string ({error.GetType().Name})",
                AzureSettings.ConnectionStringSetting);
        }
    }
}
