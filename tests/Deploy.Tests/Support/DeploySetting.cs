namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>
/// One line of deploy/settings.txt: a silo setting (Section:Key) or an environment variable read by name
/// (FACEKD_NAME), the values it accepts (null: any), and whether the code does not read it yet.
/// </summary>
public sealed record DeploySetting(string Name, IReadOnlyList<string>? AllowedValues, bool Pending)
{
    public bool IsEnvironmentVariable => !Name.Contains(':', StringComparison.Ordinal);

    /// <summary>Configuration values compare without case, as the binder reads them.</summary>
    public bool Accepts(string value) =>
        AllowedValues is null || AllowedValues.Contains(value, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => Name;
}
