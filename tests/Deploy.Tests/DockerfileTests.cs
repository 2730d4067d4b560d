using FaceKdGrid.Deploy.Tests.Support;
using Xunit;

namespace FaceKdGrid.Deploy.Tests;

public sealed class DockerfileTests
{
    private const string SiloAssembly = "facekd-silo.dll";
    private const string AspNetRuntime = "mcr.microsoft.com/dotnet/aspnet";

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Dockerfile.All)
        {
            files.Add(file.RelativePath);
        }
        return files;
    }

    [Fact]
    public void SiloAndClientHaveDockerfiles()
    {
        Assert.Contains("facekd-silo", ContainerImages.BuiltHere.Keys);
        Assert.Contains("facekd-client", ContainerImages.BuiltHere.Keys);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CopiesFromTheContextNameFilesThatExist(string relativePath)
    {
        var missing = Dockerfile.Load(relativePath).Stages
            .SelectMany(stage => stage.Copies)
            .Where(copy => copy.From is null)
            .SelectMany(copy => copy.Sources.Select(source => (copy.Line, Source: source)))
            .Where(entry => !RepositoryPaths.Exists(entry.Source.TrimEnd('/')))
            .ToList();

        Assert.True(missing.Count == 0, $"COPY sources missing from the repository: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void StagesBuildOnEarlierStagesOrPinnedPublicImages(string relativePath)
    {
        var file = Dockerfile.Load(relativePath);
        for (var index = 0; index < file.Stages.Count; index++)
        {
            var earlier = file.Stages.Take(index).Select(stage => stage.Name).ToHashSet();
            var stage = file.Stages[index];
            Assert.True(earlier.Contains(stage.BaseImage) || ContainerImages.IsAllowedPublic(stage.BaseImage), $"stage {stage.Name}: FROM {stage.BaseImage}");
            foreach (var copy in stage.Copies.Where(copy => copy.From is not null))
            {
                Assert.True(earlier.Contains(copy.From) || ContainerImages.IsAllowedPublic(copy.From!), $"line {copy.Line}: COPY --from={copy.From}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImagesRunTheAssemblyOfTheProjectTheyPublish(string relativePath)
    {
        var file = Dockerfile.Load(relativePath);
        foreach (var (name, stage) in file.Images)
        {
            var project = PublishedInto(file, stage);
            var entrypoint = stage.Entrypoint ?? throw new Xunit.Sdk.XunitException($"{name} has no exec-form ENTRYPOINT");

            Assert.Equal(project.AssemblyName + ".dll", entrypoint.Last(word => word.EndsWith(".dll", StringComparison.Ordinal)));
            Assert.EndsWith("dotnet", entrypoint[0], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void WebProjectsRunOnTheAspNetRuntime(string relativePath)
    {
        var file = Dockerfile.Load(relativePath);
        foreach (var (name, stage) in file.Images)
        {
            var needsAspNet = PublishedInto(file, stage).WithReferences().Any(project => project.Sdk == ProjectFile.WebSdk);
            var hasAspNet = ContainerImages.Split(stage.BaseImage).Repository == AspNetRuntime
                || stage.Copies.Any(copy => copy.From is not null && ContainerImages.Split(copy.From).Repository == AspNetRuntime);

            Assert.True(!needsAspNet || hasAspNet, $"{name} runs a project that needs Microsoft.AspNetCore.App on {stage.BaseImage}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RestoreSeesEveryProjectItBuilds(string relativePath)
    {
        foreach (var stage in Dockerfile.Load(relativePath).Stages)
        {
            var copied = new List<string>();
            foreach (var instruction in stage.Instructions)
            {
                if (instruction.Keyword == "COPY")
                {
                    copied.AddRange(DockerCopy.Parse(instruction).Sources);
                }
                else if (instruction.Keyword == "RUN" && instruction.Arguments.Contains("dotnet restore", StringComparison.Ordinal))
                {
                    var project = ProjectFile.Load(ProjectArgument(instruction));
                    string[] needed = [.. project.WithReferences().Select(reference => reference.RelativePath), "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];
                    var missing = needed.Where(path => !copied.Any(source => source == path || (source.EndsWith('/') && path.StartsWith(source, StringComparison.Ordinal)))).ToList();

                    Assert.True(missing.Count == 0, $"line {instruction.Line}: restore runs before these are copied: {string.Join(", ", missing)}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImagesRunAsANonRootUser(string relativePath)
    {
        foreach (var (name, stage) in Dockerfile.Load(relativePath).Images)
        {
            Assert.False(stage.User is null or "root" or "0", $"{name} runs as {stage.User ?? "root (no USER)"}");
        }
    }

    [Fact]
    public void SiloImagesExposeTheSiloPortsAndListenOnEveryInterface()
    {
        int[] ports = [(int)SettingsInCode.DefaultOf("Cluster:SiloPort")!, (int)SettingsInCode.DefaultOf("Cluster:GatewayPort")!, (int)SettingsInCode.DefaultOf("Dashboard:Port")!];
        var silos = ContainerImages.BuiltHere.Where(image => image.Value.Entrypoint?.Contains(SiloAssembly) == true).ToList();

        Assert.NotEmpty(silos);
        foreach (var (name, stage) in silos)
        {
            Assert.Equal(ports.Order(), stage.ExposedPorts.Order());
            Assert.Equal("0.0.0.0", stage.Environment.GetValueOrDefault("FACEKD_Cluster__ListenAddress"));
            Assert.Equal("0.0.0.0", stage.Environment.GetValueOrDefault("FACEKD_Dashboard__Host"));
        }
    }

    [Fact]
    public void GpuSiloPreloadsTheLibTorchItsBuildChecked()
    {
        var gpu = ContainerImages.BuiltHere["facekd-silo-gpu"];
        var directory = gpu.Environment["FACEKD_Training__LibTorchDirectory"];

        Assert.Equal("pytorch/pytorch", ContainerImages.Split(gpu.BaseImage).Repository);
        Assert.Contains(gpu.Named("RUN"), run => run.Arguments.Contains($"test -f {directory}/libtorch_cuda.so", StringComparison.Ordinal));
        Assert.StartsWith("cuda", gpu.Environment["FACEKD_Training__Devices__0__Name"], StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnoreKeepsBuildOutputsOutOfTheContext()
    {
        var patterns = File.ReadAllLines(RepositoryPaths.Full(".dockerignore")).Select(line => line.Trim()).ToList();

        Assert.Contains("**/bin/", patterns);
        Assert.Contains("**/obj/", patterns);
    }

    /// <summary>The project whose publish output the image stage copies from an earlier stage.</summary>
    private static ProjectFile PublishedInto(Dockerfile file, DockerStage image)
    {
        var publishes = file.Stages
            .SelectMany(stage => stage.Named("RUN")
                .Where(run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal))
                .Select(run => (Stage: stage.Name, Project: ProjectArgument(run), Output: OutputArgument(run))))
            .ToList();
        var published = publishes.Where(publish => image.Copies.Any(copy => copy.From == publish.Stage && copy.Sources.Any(source => source.TrimEnd('/') == publish.Output))).ToList();

        Assert.True(published.Count == 1, $"{file.RelativePath}: expected one published project copied into stage {image.Name}, found {published.Count}");
        Assert.True(RepositoryPaths.Exists(published[0].Project), $"{file.RelativePath} publishes {published[0].Project}, which does not exist");
        return ProjectFile.Load(published[0].Project);
    }

    private static string ProjectArgument(DockerInstruction run) =>
        run.Words().Single(word => word.EndsWith(".csproj", StringComparison.Ordinal));

    private static string OutputArgument(DockerInstruction run)
    {
        var words = run.Words();
        var flag = words.ToList().FindIndex(word => word is "-o" or "--output");
        Assert.True(flag >= 0 && flag + 1 < words.Count, $"line {run.Line}: dotnet publish without -o");
        return words[flag + 1].TrimEnd('/');
    }
}
