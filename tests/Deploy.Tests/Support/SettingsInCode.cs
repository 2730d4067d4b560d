using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>
/// What the silo, the client and the engine read, seen by reflection: settings classes (a public
/// <c>const string Section</c> and public properties, bound from that configuration section), string constants, and
/// string literals in their code (a setting read as configuration["Section:Key"], a variable read by name).
/// </summary>
public static class SettingsInCode
{
    /// <summary>The assemblies of the projects that read settings: Silo, Client, Grains, Distillation.</summary>
    public static readonly string[] AssemblyNames = ["facekd-silo", "facekd", "Grains", "Distillation"];

    private const string SectionField = "Section";

    private static readonly Lazy<IReadOnlyList<Assembly>> Assemblies = new(() =>
        AssemblyNames.Select(name => Assembly.Load(new AssemblyName(name))).ToList());

    private static readonly Lazy<IReadOnlyList<(string Section, Type Type)>> SettingsClasses = new(() =>
        Assemblies.Value
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (Section: SectionOf(type), Type: type))
            .Where(entry => entry.Section is not null)
            .Select(entry => (entry.Section!, entry.Type))
            .ToList());

    private static readonly Lazy<IReadOnlySet<string>> Strings = new(() =>
        Assemblies.Value.SelectMany(StringsOf).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether the code reads the setting: a settings-class property, or its name as a literal or constant.</summary>
    public static bool Reads(DeploySetting setting) =>
        Strings.Value.Contains(setting.Name) || (!setting.IsEnvironmentVariable && PropertyOf(setting.Name) is not null);

    /// <summary>The value a fresh settings object holds for <paramref name="key"/> (Section:Key): the code's default.</summary>
    public static object? DefaultOf(string key)
    {
        var property = PropertyOf(key) ?? throw new InvalidOperationException($"no settings class in {string.Join(", ", AssemblyNames)} has {key}");
        return property.GetValue(Activator.CreateInstance(property.DeclaringType!));
    }

    private static PropertyInfo? PropertyOf(string key)
    {
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        var section = key[..separator];
        var name = key[(separator + 1)..];
        return SettingsClasses.Value
            .Where(entry => entry.Section.Equals(section, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase))
            .FirstOrDefault(property => property is not null);
    }

    private static string? SectionOf(Type type) =>
        type.GetField(SectionField, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;

    /// <summary>Every string constant and every string literal (the #US heap) of <paramref name="assembly"/>.</summary>
    private static IEnumerable<string> StringsOf(Assembly assembly)
    {
        var constants = assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);
        return constants.Concat(LiteralsOf(assembly.Location)).ToList();
    }

    private static List<string> LiteralsOf(string path)
    {
        using var file = File.OpenRead(path);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        var literals = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            literals.Add(metadata.GetUserString(handle));
        }
        return literals;
    }
}
