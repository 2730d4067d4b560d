namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>
/// Every environment variable the deploy files hand to FaceKdGrid's processes: Dockerfile ENV, Compose environments
/// and env files, ConfigMap and Secret keys (the silo reads them through envFrom) and container env entries.
/// </summary>
public static class DeployEnvironment
{
    /// <summary>The FACEKD_ variables, plus every ConfigMap and Secret key whatever its name.</summary>
    public static IReadOnlyList<FacekdVariable> Variables() =>
        [.. FromDockerfiles(), .. FromCompose(), .. FromKubernetes()];

    private static IEnumerable<FacekdVariable> FromDockerfiles() =>
        from file in Dockerfile.All
        from stage in file.Stages
        from variable in stage.Environment
        where IsFacekd(variable.Key)
        select new FacekdVariable(variable.Key, variable.Value, $"{file.RelativePath} stage {stage.Name}");

    private static IEnumerable<FacekdVariable> FromCompose() =>
        from compose in ComposeFile.All
        from service in compose.Services
        from variable in compose.Environment(service.Value)
        where IsFacekd(variable.Key)
        select new FacekdVariable(variable.Key, variable.Value, $"{compose.File.RelativePath} service {service.Key}");

    private static IEnumerable<FacekdVariable> FromKubernetes()
    {
        foreach (var item in KubernetesObject.All)
        {
            if (item.Kind is "ConfigMap" or "Secret")
            {
                foreach (var section in new[] { "data", "stringData" })
                {
                    foreach (var (key, value) in item.Node.Child(section).Entries())
                    {
                        yield return new FacekdVariable(key, section == "stringData" || item.Kind == "ConfigMap" ? value.Text() : null, item.ToString());
                    }
                }
            }
            foreach (var entry in item.Containers.SelectMany(container => container.Child("env").Items()))
            {
                var name = entry.Child("name").Text()!;
                if (IsFacekd(name))
                {
                    yield return new FacekdVariable(name, entry.Child("value").Text(), item.ToString());
                }
            }
        }
    }

    private static bool IsFacekd(string name) => name.StartsWith(DeploySettings.VariablePrefix, StringComparison.Ordinal);
}
