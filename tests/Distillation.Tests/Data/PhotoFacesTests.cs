using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

/// <summary>PhotoFaces' and FaceDetector's input handling; none of these starts node (see RealFaceAgreementTests for that).</summary>
public sealed class PhotoFacesTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void UnreadablePhotosAreSkippedWithTheReasonNotFatal()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        folder.Write("photos/broken.jpg", "not a jpeg"u8.ToArray());
        folder.Write("photos/empty.png", []);
        folder.Write("photos/notes.txt", "ignored: not an image extension"u8.ToArray());

        using var extracted = PhotoFaces.Extract([Path.Combine(folder.Path, "photos")], cropSize: 32, detector: FakeInstall());

        Assert.Equal(0, extracted.Faces.Count);
        Assert.Equal(32, extracted.Faces.ImageSize);
        Assert.Empty(extracted.Photos);
        Assert.Equal(0, extracted.Report.ImagesRead);
        Assert.Equal(
            ["broken.jpg: not a recognised image format", "empty.png: empty file"],
            extracted.Report.Skipped.Select(skipped => $"{Path.GetFileName(skipped.Item)}: {skipped.Reason}"));
    }

    [Fact]
    public void MissingPathsAndFoldersWithoutImagesAreRejected()
    {
        var missing = Path.Combine(folder.Path, "no-such-photo.jpg");
        var error = Assert.Throws<FileNotFoundException>(() => PhotoFaces.Extract([missing], detector: FakeInstall()));
        Assert.Contains(missing, error.Message);

        Directory.CreateDirectory(Path.Combine(folder.Path, "empty"));
        var none = Assert.Throws<ArgumentException>(() => PhotoFaces.Extract([Path.Combine(folder.Path, "empty")], detector: FakeInstall()));
        Assert.Contains("no image files", none.Message);
        Assert.Equal("photos", none.ParamName);
    }

    [Fact]
    public void AScriptWithoutFaceApiBesideItSaysHowToInstallIt()
    {
        var script = folder.Write("tools/detect-faces.mjs", []);

        var error = Assert.Throws<DirectoryNotFoundException>(() => new FaceDetector(script, script));

        Assert.Contains(RepositoryFiles.NodeInstallCommand, error.Message);
    }

    [Fact]
    public void AMissingNodeExecutableIsNamed()
    {
        var script = folder.Write("tools/detect-faces.mjs", []);
        var node = Path.Combine(folder.Path, "no-node");

        var error = Assert.Throws<FileNotFoundException>(() => new FaceDetector(node, script));

        Assert.Contains(node, error.Message);
    }

    /// <summary>A script with face-api "installed" beside it: enough for FaceDetector, which only runs it when a photo decodes.</summary>
    private FaceDetector FakeInstall()
    {
        var script = folder.Write("fake-tools/detect-faces.mjs", []);
        folder.Write("fake-tools/node_modules/@vladmandic/face-api/package.json", "{}"u8.ToArray());
        return new FaceDetector(script, script);
    }
}
