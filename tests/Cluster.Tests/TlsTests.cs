using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.TestSupport;
using Orleans.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

/// <summary>
/// Mutual TLS with certificates made for each test: the cluster's CA issues the silos' and the good client's; a second,
/// unrelated CA issues the strangers'. Nothing accepts untrusted certificates unless a test says so.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class TlsTests : IDisposable
{
    private const string UntrustedWarning = "Tls:AllowUntrustedCertificates is on";

    private readonly ITestOutputHelper output;
    private readonly string password = $"pfx-{Guid.NewGuid():N}";
    private readonly string folder = Directory.CreateTempSubdirectory("facekd-tls-").FullName;
    private readonly TestAuthority clusterCa = TestAuthority.Create("facekd-test-ca");
    private readonly TestAuthority otherCa = TestAuthority.Create("facekd-other-ca");

    public TlsTests(ITestOutputHelper output)
    {
        this.output = output;
        clusterCa.WriteCertificatePem(CaPath);
    }

    private string CaPath => Path.Combine(folder, "ca.pem");

    [Fact]
    public async Task SilosAndClientsFromTheClusterCaWorkTogetherAndRefuseOthers()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, SiloSettings(Issue(clusterCa, "facekd-silo")));
        var primary = await cluster.StartSiloAsync("india");
        var secondary = await cluster.StartSiloAsync("juliett");

        var client = await cluster.ConnectAsync(secondary, ClientTls(Issue(clusterCa, "facekd-client")));
        // Both silos active in one cluster: their membership and probes went over silo-to-silo TLS.
        var hosts = await client.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        Assert.Equal(["india", "juliett"], hosts.Select(host => host.SiloName).Order());
        var workers = await Eventually.HoldsAsync(client.Grains.GetGrain<IWorkerRegistryGrain>(0).GetWorkersAsync,
            found => found.Count(worker => worker.IsAlive) == 2, TimeSpan.FromSeconds(30), "both silos' workers");
        Assert.Equal([primary.Worker, secondary.Worker], workers.Select(worker => worker.WorkerId).Order());

        var stranger = await Assert.ThrowsAsync<BadInputException>(() => cluster.ConnectAsync(primary, ClientTls(Issue(otherCa, "facekd-stranger"))));
        Assert.Contains("refused this client's certificate ('CN=facekd-stranger' issued by 'CN=facekd-other-ca'", stranger.Message);
        // Only a TLS handshake shows the silo's certificate: the plain client is told TLS is what it lacks.
        var plain = await Assert.ThrowsAsync<BadInputException>(() => cluster.ConnectAsync(primary));
        Assert.Contains("speaks TLS (its certificate: 'CN=facekd-silo' issued by 'CN=facekd-test-ca'", plain.Message);

        Assert.All(cluster.Silos, silo => Assert.DoesNotContain(UntrustedWarning, silo.ReadLog()));
        cluster.AssertNoSecretInLogs(password);
    }

    [Fact]
    public async Task ASiloWithACertificateFromAnotherCaNeverJoins()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, SiloSettings(Issue(clusterCa, "facekd-silo")));
        var primary = await cluster.StartSiloAsync("kilo");
        var client = await cluster.ConnectAsync(primary, ClientTls(Issue(clusterCa, "facekd-client")));

        // The intruder accepts any certificate (and warns that it does), so only the cluster's own check keeps it out.
        var intruder = cluster.Launch("mallory", new Dictionary<string, string>
        {
            ["Tls:CertificatePath"] = Issue(otherCa, "facekd-intruder"),
            ["Tls:AllowUntrustedCertificates"] = "true",
        });
        await Eventually.HoldsAsync(() => Task.FromResult(intruder.ReadLog()), log => log.Contains(UntrustedWarning, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the intruder's warning that it accepts any certificate");
        // Orleans' own words when the TLS handshake fails: the cluster saw the intruder and refused its certificate.
        await Eventually.HoldsAsync(() => Task.FromResult(primary.ReadLog()), log => log.Contains("Authentication failed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the primary refusing the intruder's certificate");

        // A silo the cluster admitted is active within seconds here; the intruder gets not even a joining entry.
        var watched = TimeSpan.FromSeconds(20);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < watched)
        {
            var members = await client.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
            Assert.Equal(["kilo"], members.Select(member => member.SiloName));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Assert.DoesNotContain(UntrustedWarning, primary.ReadLog());
    }

    [Fact]
    public async Task ASiloWhoseOwnCertificateItsCaDidNotIssueExitsNamingIt()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, SiloSettings(Issue(otherCa, "facekd-misissued")));
        var silo = cluster.Launch("lima");

        Assert.NotEqual(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Tls:CertificatePath: this silo's certificate ('CN=facekd-misissued' issued by 'CN=facekd-other-ca'", silo.ReadLog());
    }

    public void Dispose()
    {
        clusterCa.Dispose();
        otherCa.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>TLS on, trusting the cluster's CA alone, with <paramref name="certificatePath"/> as every silo's certificate.</summary>
    private Dictionary<string, string> SiloSettings(string certificatePath) => new()
    {
        ["Tls:Enabled"] = "true",
        ["Tls:CertificatePath"] = certificatePath,
        ["Tls:CertificatePassword"] = password,
        ["Tls:CaCertificatePath"] = CaPath,
        ["Training:Devices:0:Slots"] = "1",
    };

    private ClientTls ClientTls(string certificatePath) => new(certificatePath, password, CaPath, [], AllowUntrustedCertificates: false);

    /// <summary>A PFX that <paramref name="authority"/> issued to <paramref name="name"/>, in the test's folder.</summary>
    private string Issue(TestAuthority authority, string name)
    {
        var path = Path.Combine(folder, $"{name}.pfx");
        authority.IssuePfx(path, name, password);
        return path;
    }
}
