using System.Text.Encodings.Web;
using System.Text.Json;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// How every JSON document of the CLI is written: indented, camelCase, non-ASCII kept as is, and parameters as
/// <c>params</c>, keyed by their search-key names.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T document) => JsonSerializer.Serialize(document, Options);

    /// <summary>A trial's resolved parameters by search-key name; null for the teacher trial.</summary>
    public static Dictionary<string, object>? Params(TrialParameters? parameters) =>
        parameters?.ToNamedValues().ToDictionary(pair => pair.Key, pair => pair.Value);
}
