using FaceKdGrid.Client.Specs;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Client.Tests.Specs;

public sealed class SearchKeyReferenceTests
{
    [Fact]
    public void TheReadmesSearchKeyTableIsTheOneTheCodeDeclares()
    {
        var readme = File.ReadAllText(RepositoryFiles.FindAbove("README.md") ?? throw new FileNotFoundException("README.md above the test's folder"));
        var begin = readme.IndexOf(SearchKeyReference.BeginMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(SearchKeyReference.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README.md lacks the search-key markers");

        var documented = readme[(begin + SearchKeyReference.BeginMarker.Length)..end].Trim().ReplaceLineEndings("\n");

        var declared = SearchKeyReference.Markdown();
        Assert.True(declared == documented, $"README.md's search-key table differs from SearchKeys.All; put this between its markers:\n{declared}");
    }
}
