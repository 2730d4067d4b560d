using FaceKdGrid.Deploy.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests;

public sealed class KubernetesTests
{
    private const string Namespace = "facekd";
    private const string GpuResource = "nvidia.com/gpu";

    private static KubernetesObject Silo => KubernetesObject.Single("Deployment", "facekd-silo");

    private static YamlNode SiloContainer => Silo.Containers.Single();

    private static IReadOnlyList<KubernetesObject> Workloads =>
        [.. KubernetesObject.OfKind("Deployment"), .. KubernetesObject.OfKind("Job")];

    [Fact]
    public void EveryObjectHasApiVersionKindNameAndTheNamespace()
    {
        Assert.NotEmpty(KubernetesObject.Manifests);
        foreach (var item in KubernetesObject.All)
        {
            Assert.False(string.IsNullOrEmpty(item.Node.Child("apiVersion").Text()), $"{item}: apiVersion");
            Assert.False(string.IsNullOrEmpty(item.Kind), $"{item.RelativePath}: kind");
            Assert.False(string.IsNullOrEmpty(item.Name), $"{item}: metadata.name");
        }
        foreach (var item in KubernetesObject.Manifests.Where(item => item.Kind != "Namespace"))
        {
            Assert.True(item.Node.At("metadata", "namespace").Text() == Namespace, $"{item}: namespace is not {Namespace}");
        }
        Assert.Equal(Namespace, KubernetesObject.OfKind("Namespace").Single().Name);
    }

    [Fact]
    public void KustomizationsListTheFilesBesideThemAndNothingElse()
    {
        Assert.NotEmpty(Kustomization.All);
        foreach (var kustomization in Kustomization.All)
        {
            var listed = kustomization.Resources.Concat(kustomization.PatchPaths).ToList();
            Assert.All(listed, path => Assert.True(RepositoryPaths.Exists(path), $"{kustomization.RelativePath}: {path} does not exist"));
            var beside = YamlFile.PathsUnderDeploy()
                .Where(path => Path.GetDirectoryName(path) == kustomization.Folder && path != kustomization.RelativePath);
            Assert.All(beside, path => Assert.Contains(path, listed));
        }
    }

    [Fact]
    public void NoKustomizationAppliesASecret()
    {
        // The Secret is a template: applying it would overwrite the operator's real connection string.
        var applied = Kustomization.All.SelectMany(kustomization => kustomization.ResourceFiles()).ToHashSet();
        var secrets = KubernetesObject.OfKind("Secret");

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret.RelativePath, applied));
        Assert.All(secrets.SelectMany(secret => secret.Node.Child("stringData").Entries()), entry => Assert.Contains("REPLACE_ME", entry.Value.Text()));
    }

    [Fact]
    public void SiloDeploymentSelectsItsOwnPods()
    {
        var selector = Silo.Node.At("spec", "selector", "matchLabels").ScalarMap();

        Assert.NotEmpty(selector);
        Assert.True(IsSubset(selector, PodLabels(Silo)), "the Deployment's selector does not match its pod template's labels");
        Assert.True(int.Parse(Silo.Node.At("spec", "replicas").Text()!) >= 2, "a grid needs at least two silos to survive the loss of one");
    }

    [Fact]
    public void SilosProbeTheHealthEndpointsOnTheDashboardPort()
    {
        var dashboardPort = (int)SettingsInCode.DefaultOf("Dashboard:Port")!;

        Assert.Equal("/health/live", SiloContainer.At("livenessProbe", "httpGet", "path").Text());
        Assert.Equal("/health/ready", SiloContainer.At("readinessProbe", "httpGet", "path").Text());
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" }.Where(probe => SiloContainer.Child(probe) is not null))
        {
            Assert.Equal(dashboardPort, ContainerPort(SiloContainer, SiloContainer.At(probe, "httpGet", "port").Text()!));
        }
    }

    [Fact]
    public void SilosDeclareThePortsTheyServe()
    {
        var declared = SiloContainer.Child("ports").Items().Select(port => int.Parse(port.Child("containerPort").Text()!)).Order();
        int[] expected = [(int)SettingsInCode.DefaultOf("Cluster:SiloPort")!, (int)SettingsInCode.DefaultOf("Cluster:GatewayPort")!, (int)SettingsInCode.DefaultOf("Dashboard:Port")!];

        Assert.Equal(expected.Order(), declared);
    }

    [Fact]
    public void SilosTakeTheirNameAndAddressFromThePod()
    {
        var fields = SiloContainer.Child("env").Items()
            .Where(entry => entry.At("valueFrom", "fieldRef") is not null)
            .ToDictionary(entry => entry.Child("name").Text()!, entry => entry.At("valueFrom", "fieldRef", "fieldPath").Text());

        Assert.Equal("metadata.name", fields.GetValueOrDefault("FACEKD_Cluster__SiloName"));
        Assert.Equal("status.podIP", fields.GetValueOrDefault("FACEKD_Cluster__AdvertisedAddress"));
    }

    [Fact]
    public void DrainEndsWithinTheGracePeriod()
    {
        var grace = int.Parse(Silo.PodSpec.Child("terminationGracePeriodSeconds").Text()!);
        var preStop = SiloContainer.At("lifecycle", "preStop", "exec", "command").Items().Select(word => word.Text()).ToList();
        var preStopSeconds = preStop.Count == 2 && preStop[0] == "sleep" ? int.Parse(preStop[1]!) : 0;
        var shutdown = SiloContainer.Child("env").Items().Single(entry => entry.Child("name").Text() == "DOTNET_shutdownTimeoutSeconds");

        Assert.True(grace >= 60, $"terminationGracePeriodSeconds {grace} leaves no time to hand trials off");
        Assert.True(preStopSeconds + int.Parse(shutdown.Child("value").Text()!) < grace, "preStop plus the host's shutdown timeout outlast the grace period: the drain would be killed");
    }

    [Fact]
    public void ContainersRequestResourcesAndRunWithoutPrivileges()
    {
        Assert.NotEmpty(Workloads);
        foreach (var workload in Workloads)
        {
            Assert.Equal("true", workload.PodSpec.At("securityContext", "runAsNonRoot").Text());
            foreach (var container in workload.Containers)
            {
                Assert.NotNull(container.At("resources", "requests", "cpu"));
                Assert.NotNull(container.At("resources", "requests", "memory"));
                Assert.NotNull(container.At("resources", "limits", "memory"));
                Assert.Equal("false", container.At("securityContext", "allowPrivilegeEscalation").Text());
            }
        }
    }

    [Fact]
    public void DisruptionBudgetCoversTheSilos()
    {
        var budget = KubernetesObject.OfKind("PodDisruptionBudget").Single();
        var selector = budget.Node.At("spec", "selector", "matchLabels").ScalarMap();

        Assert.NotEmpty(selector);
        Assert.True(IsSubset(selector, PodLabels(Silo)), "the PodDisruptionBudget's selector does not match the silo pods");
        Assert.True(budget.Node.At("spec", "maxUnavailable") is not null || budget.Node.At("spec", "minAvailable") is not null);
    }

    [Fact]
    public void GatewayServiceReachesTheSilosGatewayPort()
    {
        var service = KubernetesObject.OfKind("Service").Single();
        var port = service.Node.At("spec", "ports").Items().Single();

        Assert.True(IsSubset(service.Node.At("spec", "selector").ScalarMap(), PodLabels(Silo)), "the Service selects no silo pod");
        Assert.Equal(SettingsInCode.DefaultOf("Cluster:GatewayPort"), ContainerPort(SiloContainer, port.Child("targetPort").Text()!));
    }

    [Fact]
    public void ClientJobRunsASpecInItsImageAgainstTheGatewayService()
    {
        var job = KubernetesObject.OfKind("Job").Single();
        var container = job.Containers.Single();
        var arguments = container.Child("args").Items().Select(word => word.Text()!).ToList();
        var gateway = container.Child("env").Items().Single(entry => entry.Child("name").Text() == "FACEKD_GATEWAY").Child("value").Text()!.Split(':');
        var service = KubernetesObject.OfKind("Service").Single();
        var client = ContainerImages.BuiltHere[ContainerImages.BuiltName(container.Child("image").Text()!)];

        Assert.Contains(job.PodSpec.Child("restartPolicy").Text(), new[] { "Never", "OnFailure" });
        Assert.Equal("sweep", arguments[0]);
        Assert.Contains(arguments[1], new[] { "run", "submit" });
        Assert.NotNull(client.Copies.Select(copy => copy.ContextPathOf(arguments[2])).FirstOrDefault(path => path is not null));
        Assert.Equal(service.Name, gateway[0].Split('.')[0]);
        Assert.Equal(service.Node.At("spec", "ports").Items().Single().Child("port").Text(), gateway[1]);
    }

    [Fact]
    public void ReferencedConfigMapsAndSecretsAreDefinedHere()
    {
        var defined = KubernetesObject.Manifests.Select(item => (item.Kind, item.Name)).ToHashSet();
        var references = Workloads.SelectMany(workload => workload.Containers).SelectMany(container => container.Child("envFrom").Items()).ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var (kind, name) = reference.Child("configMapRef") is { } configMap ? ("ConfigMap", configMap.Child("name").Text()) : ("Secret", reference.At("secretRef", "name").Text());
            Assert.Contains((kind, name), defined);
        }
    }

    [Fact]
    public void EveryImageIsBuiltHere()
    {
        var images = Workloads.SelectMany(workload => workload.Containers).Select(container => container.Child("image").Text()!)
            .Concat(Kustomization.All.SelectMany(kustomization => kustomization.Images).Select(image => image.Child("newName").Text()!))
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.True(ContainerImages.IsBuiltHere(image), $"{image} is built by no Dockerfile in {Dockerfile.Folder}"));
    }

    [Fact]
    public void GpuOverlayGivesEachSiloOneGpuOnTheCudaImage()
    {
        var overlay = Kustomization.All.Single(kustomization => kustomization.PatchPaths.Count > 0);
        var patch = KubernetesObject.Patches.Single(item => overlay.PatchPaths.Contains(item.RelativePath));
        var target = overlay.Patches.Single().Child("target");
        var baseObject = KubernetesObject.Single(target.Child("kind").Text()!, target.Child("name").Text()!);
        var image = overlay.Images.Single(entry => entry.Child("name").Text() == ContainerImages.BuiltName(SiloContainer.Child("image").Text()!));

        Assert.Equal((patch.Kind, patch.Name), (baseObject.Kind, baseObject.Name));
        var container = patch.Containers.Single();
        Assert.Contains(container.Child("name").Text(), baseObject.Containers.Select(item => item.Child("name").Text()));
        Assert.Equal("1", container.At("resources", "limits", GpuResource).Text());
        var gpuImage = ContainerImages.BuiltHere[image.Child("newName").Text()!];
        Assert.Equal("pytorch/pytorch", ContainerImages.Split(gpuImage.BaseImage).Repository);
    }

    private static IReadOnlyDictionary<string, string> PodLabels(KubernetesObject workload) =>
        workload.Node.At("spec", "template", "metadata", "labels").ScalarMap();

    private static bool IsSubset(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(entry => labels.TryGetValue(entry.Key, out var value) && value == entry.Value);

    /// <summary>A probe's or Service's port: a number, or the name of one of the container's ports.</summary>
    private static int ContainerPort(YamlNode container, string port) =>
        int.TryParse(port, out var number)
            ? number
            : int.Parse(container.Child("ports").Items().Single(entry => entry.Child("name").Text() == port).Child("containerPort").Text()!);
}
