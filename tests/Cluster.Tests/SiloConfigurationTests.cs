using FaceKdGrid.Cluster.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class SiloConfigurationTests(ITestOutputHelper output)
{
    /// <summary>Looks like a real account key: it must not be printed, even inside a connection string that is wrong.</summary>
    private const string FakeKey = "c2VjcmV0LWtleS1ub3QtdG8tYmUtbG9nZ2Vk/Zm9yLWFueS1yZWFzb24tYXQtYWxs==";

    [Theory]
    [InlineData("Cluster:Clustering", "azuretable", "Azure:ConnectionString")]
    [InlineData("Storage:Kind", "azureblob", "Azure:ConnectionString")]
    [InlineData("Storage:Kind", "cassandra", "Storage:Kind")]
    [InlineData("ArtifactStore:Kind", "s3", "ArtifactStore:Kind")]
    [InlineData("Tls:Enabled", "true", "Tls:CertificatePath")]
    public async Task ASiloWithABadSettingExitsNamingIt(string key, string value, string named)
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>());
        var silo = cluster.Launch("kilo", new Dictionary<string, string> { [key] = value });

        Assert.NotEqual(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(named, silo.ReadLog());
    }

    [Fact]
    public async Task AMalformedConnectionStringIsNamedButNeverShown()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>());
        var silo = cluster.Launch("lima", new Dictionary<string, string>
        {
            ["Cluster:Clustering"] = "azuretable",
            ["Azure:ConnectionString"] = $"AccountName=devstoreaccount1;AccountKey={FakeKey};NoSuchPart",
        });

        Assert.NotEqual(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Azure:ConnectionString", silo.ReadLog());
        cluster.AssertNoSecretInLogs(FakeKey);
    }
}
