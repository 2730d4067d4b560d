using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>A hash of a spec's canonical form: equal for equal specs, whatever the order of search-space keys.</summary>
public static class SpecFingerprint
{
    public static string Of(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var canonical = spec with
        {
            SearchSpace = spec.SearchSpace is null
                ? null
                : new SearchSpaceSpec { Parameters = spec.SearchSpace.Parameters.OrderBy(parameter => parameter.Key, StringComparer.Ordinal).ToArray() },
        };
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical))));
    }
}
