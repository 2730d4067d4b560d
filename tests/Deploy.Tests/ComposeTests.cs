using System.Text.Json;
using System.Text.RegularExpressions;
using FaceKdGrid.Deploy.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests;

public sealed class ComposeTests
{
    private const string AzuriteRepository = "mcr.microsoft.com/azure-storage/azurite";

    private static ComposeFile Main => ComposeFile.Main;

    [Fact]
    public void BuildsNameDockerfilesAndStagesThatExist()
    {
        var builds = ComposeFile.All
            .SelectMany(compose => compose.Services.Where(service => service.Value.Child("build") is not null).Select(service => (compose, service)))
            .ToList();

        Assert.NotEmpty(builds);
        foreach (var (compose, (name, service)) in builds)
        {
            var context = compose.Resolve(service.At("build", "context").Text()!);
            var dockerfilePath = RepositoryPaths.Relative(RepositoryPaths.Full(Path.Combine(context, service.At("build", "dockerfile").Text()!)));
            Assert.True(Directory.Exists(RepositoryPaths.Full(context)), $"{name}: build context {context} does not exist");
            Assert.True(File.Exists(RepositoryPaths.Full(dockerfilePath)), $"{name}: {dockerfilePath} does not exist");

            var dockerfile = Dockerfile.Load(dockerfilePath);
            var target = service.At("build", "target").Text();
            var image = ContainerImages.BuiltName(service.Child("image").Text()!);
            Assert.True(dockerfile.Images.TryGetValue(image, out var stage), $"{name}: {dockerfilePath} builds no image {image}");
            Assert.Same(dockerfile.Target(target), stage);
        }
    }

    [Fact]
    public void EveryImageIsBuiltHereOrAPinnedPublicOne()
    {
        var images = ComposeFile.All.SelectMany(compose => compose.Services).Select(service => service.Value.Child("image").Text()).ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.True(image is not null && ContainerImages.IsKnown(image), $"image {image}"));
    }

    [Fact]
    public void AzuriteIsTheToolsVersionWithTheFlagsTheSdkNeeds()
    {
        var azurite = Main.Services.Single(service => IsAzurite(service.Value)).Value;
        var command = ComposeFile.Command(azurite);
        using var tools = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Full("tools/package.json")));

        Assert.Equal(tools.RootElement.GetProperty("dependencies").GetProperty("azurite").GetString(), ContainerImages.Split(azurite.Child("image").Text()!).Tag);
        Assert.Contains("--skipApiVersionCheck", command);
        Assert.Contains("--disableTelemetry", command);
        Assert.Contains("--blobHost=0.0.0.0", command);
        Assert.Contains("--tableHost=0.0.0.0", command);
    }

    [Fact]
    public void ThreeSilosEachWithItsOwnNameAndAddress()
    {
        var silos = Silos();

        Assert.Equal(3, silos.Count);
        Assert.Equal(3, silos.Select(silo => Main.Environment(silo.Value)["FACEKD_Cluster__SiloName"]).Distinct().Count());
        foreach (var (name, silo) in silos)
        {
            var address = Main.Environment(silo)["FACEKD_Cluster__AdvertisedAddress"];
            var networks = silo.Child("networks").Entries();
            Assert.Contains(networks, network => network.Value.Child("ipv4_address").Text() == address);
        }
        Assert.Equal(3, silos.Select(silo => Main.Environment(silo.Value)["FACEKD_Cluster__AdvertisedAddress"]).Distinct().Count());
    }

    [Fact]
    public void SilosKeepEverythingInAzureStorageOnTheAzuriteService()
    {
        var azurite = Main.Services.Single(service => IsAzurite(service.Value)).Key;
        foreach (var (name, silo) in Silos())
        {
            var environment = Main.Environment(silo);
            Assert.Equal("azuretable", environment["FACEKD_Cluster__Clustering"]);
            Assert.Equal("azureblob", environment["FACEKD_Storage__Kind"]);
            Assert.Equal("azuretable", environment["FACEKD_Storage__Reminders"]);
            Assert.Equal("azureblob", environment["FACEKD_ArtifactStore__Kind"]);
            var parts = environment["FACEKD_Azure__ConnectionString"]
                .Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1]);
            Assert.Equal(new Uri($"http://{azurite}:10000/devstoreaccount1"), new Uri(parts["BlobEndpoint"]));
            Assert.Equal(new Uri($"http://{azurite}:10002/devstoreaccount1"), new Uri(parts["TableEndpoint"]));
            Assert.Contains(silo.Child("depends_on").Items().Select(item => item.Text()), dependency => dependency == azurite);
        }
    }

    [Fact]
    public void ClientRunsASpecFromTheRepositoryAgainstASiloGateway()
    {
        var client = Main.Services.Single(service => ImageOf(service.Value) == "facekd-client").Value;
        var command = ComposeFile.Command(client);
        var gateway = Main.Environment(client)["FACEKD_GATEWAY"].Split(':');

        Assert.Equal("sweep", command[0]);
        Assert.Contains(command[1], new[] { "run", "submit" });
        var spec = HostPathOf(client, command[2]);
        Assert.True(spec is not null && File.Exists(RepositoryPaths.Full(spec)), $"the client's spec {command[2]} is no file of the repository");
        Assert.Contains(gateway[0], Silos().Select(silo => silo.Key));
        Assert.Equal(SettingsInCode.DefaultOf("Cluster:GatewayPort"), int.Parse(gateway[1]));
    }

    [Fact]
    public void ReferencedFilesAndServicesExist()
    {
        foreach (var compose in ComposeFile.All)
        {
            var services = Main.Services.Select(service => service.Key).ToHashSet();
            foreach (var (name, service) in compose.Services)
            {
                Assert.True(services.Contains(name), $"{compose.File.RelativePath}: {name} is not a service of {ComposeFile.MainPath}");
                Assert.All(compose.EnvFiles(service), path => Assert.True(File.Exists(RepositoryPaths.Full(path)), $"{name}: env_file {path}"));
                var dependencies = service.Child("depends_on").Items().Select(item => item.Text()!).Concat(service.Child("depends_on").Entries().Select(entry => entry.Key));
                Assert.All(dependencies, dependency => Assert.Contains(dependency, services));
                var bindSources = service.Child("volumes").Items().Select(volume => volume.Text()!.Split(':')[0]).Where(source => source.StartsWith('.'));
                Assert.All(bindSources, source => Assert.True(RepositoryPaths.Exists(compose.Resolve(source)), $"{name}: volume source {source}"));
            }
        }
    }

    [Fact]
    public void SilosHaveTimeToDrainBeforeTheyAreKilled()
    {
        foreach (var (name, silo) in Silos())
        {
            var grace = Seconds(silo.Child("stop_grace_period").Text() ?? "10s");
            var shutdown = int.Parse(Main.Environment(silo)["DOTNET_shutdownTimeoutSeconds"]);

            Assert.True(shutdown >= 60 && shutdown < grace, $"{name}: a {shutdown} s drain and a {grace} s stop grace period");
        }
    }

    [Fact]
    public void PublishedPortsListenOnTheHostsLoopbackOnly()
    {
        var ports = ComposeFile.All.SelectMany(compose => compose.Services).SelectMany(service => service.Value.Child("ports").Items()).Select(port => port.Text()!).ToList();

        Assert.NotEmpty(ports);
        Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    [Fact]
    public void GpuOverrideReservesAGpuForASiloOnTheGpuImage()
    {
        var overrides = ComposeFile.All.Where(compose => compose.File.RelativePath != ComposeFile.MainPath).ToList();
        var gpuSilos = overrides.SelectMany(compose => compose.Services)
            .Where(service => service.Value.At("deploy", "resources", "reservations", "devices").Items()
                .Any(device => device.Child("capabilities").Items().Any(capability => capability.Text() == "gpu")))
            .ToList();

        Assert.NotEmpty(gpuSilos);
        Assert.All(gpuSilos, silo => Assert.Equal("pytorch/pytorch", ContainerImages.Split(ContainerImages.BuiltHere[ImageOf(silo.Value)!].BaseImage).Repository));
    }

    /// <summary>A Compose duration such as 3m, 1m30s or 90s, in seconds.</summary>
    private static int Seconds(string duration) =>
        Regex.Matches(duration, @"(\d+)(h|m|s)")
            .Sum(part => int.Parse(part.Groups[1].Value) * part.Groups[2].Value switch { "h" => 3600, "m" => 60, _ => 1 });

    private static List<KeyValuePair<string, YamlNode>> Silos() =>
        Main.Services.Where(service => ImageOf(service.Value) == "facekd-silo").ToList();

    private static string? ImageOf(YamlNode service) =>
        service.Child("image").Text() is { } image ? ContainerImages.BuiltName(image) : null;

    private static bool IsAzurite(YamlNode service) =>
        service.Child("image").Text() is { } image && ContainerImages.Split(image).Repository == AzuriteRepository;

    /// <summary>The repository file a bind mount puts at <paramref name="containerPath"/>, or null.</summary>
    private static string? HostPathOf(YamlNode service, string containerPath) =>
        service.Child("volumes").Items()
            .Select(volume => volume.Text()!.Split(':'))
            .Where(parts => parts.Length >= 2 && parts[0].StartsWith('.') && containerPath.StartsWith(parts[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .Select(parts => Main.Resolve(parts[0]) + containerPath[parts[1].TrimEnd('/').Length..])
            .FirstOrDefault();
}
