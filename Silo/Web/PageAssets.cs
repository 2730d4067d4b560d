using System.Collections.Frozen;

namespace FaceKdGrid.Silo.Web;

/// <summary>The files of the sweep pages (Web/Pages), embedded in this assembly and read once.</summary>
public static class PageAssets
{
    /// <summary>The path segment, under the pages' prefix, that the pages load their scripts and style from.</summary>
    public const string Folder = "assets";

    private const string ResourcePrefix = "FaceKdGrid.Silo.Web.Pages.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    /// <summary>The named file with its content type, or 404.</summary>
    public static IResult Result(string name) =>
        Files.Value.TryGetValue(name, out var content) ? Results.Bytes(content, ContentTypes[Path.GetExtension(name)]) : Results.NotFound();

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[ResourcePrefix.Length..], name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
    }
}
