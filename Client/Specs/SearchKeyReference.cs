using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Client.Specs;

/// <summary>
/// The README's reference of search keys, generated from <see cref="SearchKeys.All"/> so the documentation cannot
/// drift from the code (a test compares the two).
/// </summary>
public static class SearchKeyReference
{
    public const string BeginMarker = "<!-- search-keys: generated from SearchKeys.All; a test keeps it equal -->";
    public const string EndMarker = "<!-- search-keys: end -->";

    public static string Markdown() => string.Join('\n',
    [
        "| key | accepts | default | what it sets |",
        "| --- | --- | --- | --- |",
        .. SearchKeys.All.Select(key => $"| `{key.Name}` | {key.Accepts} | `{key.Default}` | {key.Help} |"),
    ]);
}
