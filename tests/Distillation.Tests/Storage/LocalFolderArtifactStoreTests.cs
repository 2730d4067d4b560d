using FaceKdGrid.Distillation.Storage;

namespace FaceKdGrid.Distillation.Tests.Storage;

public sealed class LocalFolderArtifactStoreTests : ArtifactStoreContract, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("facekd-store-").FullName;

    public LocalFolderArtifactStoreTests() => Store = new LocalFolderArtifactStore(root);

    protected override IArtifactStore Store { get; }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
