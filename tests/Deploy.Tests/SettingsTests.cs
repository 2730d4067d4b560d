using System.Text.RegularExpressions;
using FaceKdGrid.Deploy.Tests.Support;
using Xunit;

namespace FaceKdGrid.Deploy.Tests;

public sealed class SettingsTests
{
    /// <summary>Azurite's published development key: the only real-looking key the deploy files may hold.</summary>
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void VariablesMapOntoSettingsAsTheEnvironmentSourceReadsThem()
    {
        Assert.Equal("Training:Devices", DeploySettings.ForVariable("FACEKD_Training__Devices__0__Name")?.Name);
        Assert.Equal("Cluster:SiloName", DeploySettings.ForVariable("FACEKD_cluster__siloname")?.Name);
        Assert.Equal("FACEKD_GATEWAY", DeploySettings.ForVariable("FACEKD_GATEWAY")?.Name);
        Assert.Null(DeploySettings.ForVariable("FACEKD_Cluster__NoSuchKey"));
        Assert.Null(DeploySettings.ForVariable("FACEKD_Training__DevicesAndMore"));
        Assert.Null(DeploySettings.ForVariable("ORLEANS_Cluster__SiloName"));
        Assert.True(DeploySettings.Accepts("FACEKD_Storage__Kind", "AzureBlob"));
        Assert.False(DeploySettings.Accepts("FACEKD_Storage__Kind", "external"));
    }

    [Fact]
    public void SettingsFileNamesEachSettingOnce()
    {
        var names = DeploySettings.All.Select(setting => setting.Name).ToList();

        Assert.NotEmpty(names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void EveryVariableTheDeployFilesSetIsAListedSetting()
    {
        var variables = DeployEnvironment.Variables();
        var unknown = variables.Where(variable => DeploySettings.ForVariable(variable.Name) is null).ToList();

        Assert.NotEmpty(variables);
        Assert.True(unknown.Count == 0, $"not settings of the contract (deploy/settings.txt): {string.Join("; ", unknown)}");
    }

    [Fact]
    public void EveryValueTheDeployFilesSetIsOneTheSettingAccepts()
    {
        var refused = DeployEnvironment.Variables()
            .Where(variable => variable.Value is not null && !DeploySettings.Accepts(variable.Name, variable.Value))
            .Select(variable => $"{variable}={variable.Value}")
            .ToList();

        Assert.True(refused.Count == 0, $"values the settings do not accept: {string.Join("; ", refused)}");
    }

    [Fact]
    public void EverySettingListedIsReadByTheCode()
    {
        var unread = DeploySettings.All.Where(setting => !setting.Pending && !SettingsInCode.Reads(setting)).ToList();

        Assert.True(unread.Count == 0,
            $"no settings class or literal in {string.Join(", ", SettingsInCode.AssemblyNames)} reads: {string.Join(", ", unread)}");
    }

    [Fact]
    public void PendingSettingsAreOnesTheCodeDoesNotReadYet()
    {
        var done = DeploySettings.All.Where(setting => setting.Pending && SettingsInCode.Reads(setting)).ToList();

        Assert.True(done.Count == 0, $"the code reads these now: remove 'pending' from {DeploySettings.FileName} for {string.Join(", ", done)}");
    }

    [Fact]
    public void NoStorageKeyButAzuritesIsCommitted()
    {
        var keys = Directory.EnumerateFiles(RepositoryPaths.Full("deploy"), "*", SearchOption.AllDirectories)
            .SelectMany(path => Regex.Matches(File.ReadAllText(path), "AccountKey=([^;'\"\\s]*)")
                .Select(match => (File: RepositoryPaths.Relative(path), Key: match.Groups[1].Value)))
            .ToList();
        var realLooking = keys.Where(entry => entry.Key != AzuriteKey && Regex.IsMatch(entry.Key, "^[A-Za-z0-9+/]{40,}={0,2}$")).ToList();

        Assert.Contains(keys, entry => entry.Key == AzuriteKey);
        Assert.True(realLooking.Count == 0, $"a storage key is committed in {string.Join(", ", realLooking.Select(entry => entry.File))}");
    }
}
