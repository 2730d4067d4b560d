using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.TestSupport;
using Orleans.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class TlsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ATlsClusterFormsOverTlsAcceptsATlsClientAndRefusesAPlainOne()
    {
        var password = $"pfx-{Guid.NewGuid():N}";
        var certificateFolder = Directory.CreateTempSubdirectory("facekd-tls-").FullName;
        try
        {
            var certificate = Path.Combine(certificateFolder, "silo.pfx");
            SelfSignedCertificate.WritePfx(certificate, password);
            await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>
            {
                ["Tls:Enabled"] = "true",
                ["Tls:CertificatePath"] = certificate,
                ["Tls:CertificatePassword"] = password,
                ["Tls:AllowUntrustedCertificates"] = "true",
                ["Training:Devices:0:Slots"] = "1",
            });
            var primary = await cluster.StartSiloAsync("india");
            var secondary = await cluster.StartSiloAsync("juliett");

            var client = await cluster.ConnectAsync(secondary, new ClientTls(certificate, password, AllowUntrustedCertificates: true));
            // Both silos active in one cluster: their membership and probes went over silo-to-silo TLS.
            var hosts = await client.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
            Assert.Equal(["india", "juliett"], hosts.Select(host => host.SiloName).Order());
            var workers = await Eventually.HoldsAsync(client.Grains.GetGrain<IWorkerRegistryGrain>(0).GetWorkersAsync,
                found => found.Count(worker => worker.IsAlive) == 2, TimeSpan.FromSeconds(30), "both silos' workers");
            Assert.Equal([primary.Worker, secondary.Worker], workers.Select(worker => worker.WorkerId).Order());

            var refused = await Assert.ThrowsAsync<BadInputException>(() => cluster.ConnectAsync(primary));
            Assert.Contains("--tls-certificate", refused.Message);

            cluster.AssertNoSecretInLogs(password);
        }
        finally
        {
            Directory.Delete(certificateFolder, recursive: true);
        }
    }
}
