using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Where a face model comes from: every kind a sweep's teacher or a command (facekd embed, evaluate) can name goes
/// through this one type, so each loads, is checked and is identified the same way everywhere.
/// </summary>
public abstract record ModelSource
{
    /// <summary>Embedding size of an InsightFace checkpoint when the spec or command line does not say.</summary>
    public const int InsightFaceEmbeddingSize = 512;

    private ModelSource()
    {
    }

    /// <summary>Loads the model, frozen and in eval mode.</summary>
    /// <param name="store">Where <see cref="Checkpoint"/> finds an artifact key; unused by the other kinds.</param>
    public abstract Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken);

    /// <summary>
    /// A file that is a FaceKdGrid checkpoint, else a PyTorch state dict for <paramref name="architecture"/>; a relative
    /// location that is no file is an artifact key holding either (<see cref="Stored"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">An absolute path names no file.</exception>
    public static ModelSource CheckpointOrStateDict(string location, string architecture, int inputSize, int embeddingSize)
    {
        if (File.Exists(location))
        {
            return TrainingCheckpoint.IsCheckpointFile(location) ? new Checkpoint(location) : new PyTorch(location, architecture, inputSize, embeddingSize);
        }
        return Path.IsPathRooted(location)
            ? throw new FileNotFoundException($"there is no checkpoint file at '{location}'", location)
            : new Stored(location, architecture, inputSize, embeddingSize);
    }

    /// <summary>The pretrained dlib ResNet descriptor (<see cref="TeacherModel.FromDlib"/>).</summary>
    /// <param name="ModelDirectory">face-api's model folder; null finds the installed npm package.</param>
    public sealed record Dlib(string? ModelDirectory = null) : ModelSource
    {
        public override Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken) =>
            Task.FromResult(TeacherModel.FromDlib(ModelDirectory));
    }

    /// <summary>An ONNX model run by ONNX Runtime (<see cref="OnnxEmbedder"/>).</summary>
    public sealed record Onnx(string Path, OnnxInputSettings Input) : ModelSource
    {
        public override Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken) =>
            Task.FromResult(TeacherModel.FromOnnx(Path, Input));
    }

    /// <summary>A PyTorch state dict (e.g. an InsightFace IResNet) for an architecture in ModelFactory syntax.</summary>
    public sealed record PyTorch(string Path, string Architecture, int InputSize, int EmbeddingSize) : ModelSource
    {
        public override Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken) =>
            Task.FromResult(TeacherModel.FromPyTorch(Path, Architecture, InputSize, EmbeddingSize));
    }

    /// <summary>
    /// An artifact-store key holding a FaceKdGrid checkpoint or a PyTorch state dict (another sweep's checkpoint, or a file
    /// pushed with 'facekd data push NAME --teacher FILE'): it comes down checked against its hash, then loads as a file.
    /// </summary>
    public sealed record Stored(string Key, string Architecture, int InputSize, int EmbeddingSize) : ModelSource
    {
        public override async Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(store);
            var download = Path.Combine(Path.GetTempPath(), $"facekd-model-{Guid.NewGuid():N}");
            try
            {
                await ArtifactCopy.ToFileAsync(store, Key, download, cancellationToken);
                return await CheckpointOrStateDict(download, Architecture, InputSize, EmbeddingSize).LoadAsync(store, cancellationToken);
            }
            finally
            {
                File.Delete(download);
            }
        }
    }

    /// <summary>A FaceKdGrid checkpoint already read, e.g. a trial's streamed out of a cluster.</summary>
    public sealed record ReadCheckpoint(TrainingCheckpoint Content) : ModelSource
    {
        public override Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken) =>
            Task.FromResult(TeacherModel.FromCheckpoint(Content));
    }

    /// <summary>A FaceKdGrid checkpoint (a trained teacher or a student trial's): a local file, or a key in the artifact store.</summary>
    public sealed record Checkpoint(string Location) : ModelSource
    {
        public override async Task<TeacherModel> LoadAsync(IArtifactStore? store, CancellationToken cancellationToken)
        {
            if (File.Exists(Location))
            {
                await using var file = File.OpenRead(Location);
                return TeacherModel.FromCheckpoint(TrainingCheckpoint.ReadFrom(file));
            }
            if (Path.IsPathRooted(Location) || store is null)
            {
                throw new FileNotFoundException($"there is no checkpoint file at '{Location}'", Location);
            }
            return TeacherModel.FromCheckpoint(await TrainingCheckpoint.ReadAsync(store, Location, cancellationToken));
        }
    }
}
