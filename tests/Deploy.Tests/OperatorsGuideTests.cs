using System.Text.RegularExpressions;
using FaceKdGrid.Deploy.Tests.Support;
using Xunit;

namespace FaceKdGrid.Deploy.Tests;

public sealed class OperatorsGuideTests
{
    private const string GuidePath = "deploy/OPERATORS.md";

    private static string Guide => File.ReadAllText(RepositoryPaths.Full(GuidePath));

    [Fact]
    public void EveryRepositoryPathItNamesExists()
    {
        var paths = Regex.Matches(Guide, @"(?<![\w/.])(?:deploy|examples|tools|Silo|Client)/[\w./-]*[\w/]")
            .Select(match => match.Value)
            // What `npm ci --prefix tools` installs is no file of the repository.
            .Where(path => !path.Contains("/node_modules/", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var missing = paths.Where(path => !RepositoryPaths.Exists(path.TrimEnd('/'))).ToList();

        Assert.NotEmpty(paths);
        Assert.True(missing.Count == 0, $"{GuidePath} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EverySettingItNamesIsListed()
    {
        var variables = Regex.Matches(Guide, @"FACEKD_\w+").Select(match => match.Value).Distinct().ToList();
        var keys = Regex.Matches(Guide, @"`([A-Z]\w+:[A-Z]\w+)`").Select(match => match.Groups[1].Value).Distinct().ToList();
        var unknown = variables.Where(variable => DeploySettings.ForVariable(variable) is null)
            .Concat(keys.Where(key => DeploySettings.ForKey(key) is null))
            .ToList();

        Assert.NotEmpty(variables);
        Assert.NotEmpty(keys);
        Assert.True(unknown.Count == 0, $"{GuidePath} names settings that {DeploySettings.FileName} does not list: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void CoversTheOperationsOperatorsNeed()
    {
        var headings = Guide.Split('\n').Where(line => line.StartsWith("## ", StringComparison.Ordinal)).ToList();
        string[] topics = ["locally", "Compose", "Kubernetes", "Adding silos", "Draining", "dashboard", "GPU", "storage keys", "TLS", "Troubleshooting"];

        Assert.All(topics, topic => Assert.Contains(headings, heading => heading.Contains(topic, StringComparison.Ordinal)));
    }
}
