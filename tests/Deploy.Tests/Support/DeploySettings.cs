namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>deploy/settings.txt: the settings the deploy files may set, and how environment variables map onto them.</summary>
public static class DeploySettings
{
    public const string FileName = "deploy/settings.txt";

    /// <summary>The prefix of every variable the silo reads into its configuration (the contract's sources).</summary>
    public const string VariablePrefix = "FACEKD_";

    private const string AnyValue = "*";
    private const string PendingMark = "pending";

    private static readonly Lazy<IReadOnlyList<DeploySetting>> Listed = new(() => Parse(File.ReadAllLines(RepositoryPaths.Full(FileName))));

    public static IReadOnlyList<DeploySetting> All => Listed.Value;

    /// <summary>Lines of "NAME VALUES [pending]"; blank lines and lines starting with # are skipped.</summary>
    public static IReadOnlyList<DeploySetting> Parse(IReadOnlyList<string> lines)
    {
        var settings = new List<DeploySetting>();
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var columns = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length is < 2 or > 3 || (columns.Length == 3 && columns[2] != PendingMark))
            {
                throw new FormatException($"{FileName} line {index + 1}: expected 'NAME VALUES [{PendingMark}]', got '{line}'");
            }
            var allowed = columns[1] == AnyValue ? null : columns[1].Split('|');
            settings.Add(new DeploySetting(columns[0], allowed, columns.Length == 3));
        }
        return settings;
    }

    /// <summary>
    /// The setting an environment variable sets: FACEKD_Section__Key (or a path below it, FACEKD_Training__Devices__0__Name)
    /// for a silo setting, the variable itself for one read by name; null for anything else.
    /// </summary>
    public static DeploySetting? ForVariable(string variable) =>
        !variable.StartsWith(VariablePrefix, StringComparison.Ordinal) ? null
        : variable.Contains("__", StringComparison.Ordinal) ? ForKey(ConfigurationKey(variable))
        : All.FirstOrDefault(setting => setting.IsEnvironmentVariable && setting.Name == variable);

    /// <summary>The setting a configuration key is, or lies below (Training:Devices:0:Name is under Training:Devices).</summary>
    public static DeploySetting? ForKey(string key) =>
        All.FirstOrDefault(setting => !setting.IsEnvironmentVariable
            && (key.Equals(setting.Name, StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(setting.Name + ":", StringComparison.OrdinalIgnoreCase)));

    /// <summary>FACEKD_Section__Key__0 becomes Section:Key:0, as the environment configuration source reads it.</summary>
    public static string ConfigurationKey(string variable) =>
        variable[VariablePrefix.Length..].Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="value"/> is one the setting accepts; a path below the setting takes any value.</summary>
    public static bool Accepts(string variable, string value)
    {
        var setting = ForVariable(variable);
        var isWholeSetting = setting is not null
            && (setting.IsEnvironmentVariable || ConfigurationKey(variable).Equals(setting.Name, StringComparison.OrdinalIgnoreCase));
        return setting is not null && (!isWholeSetting || setting.Accepts(value));
    }
}
