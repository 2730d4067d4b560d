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
    /// A file that is a FaceKdGrid checkpoint, else a PyTorch state dict for <paramref name="architecture"/>; a location
    /// that is no file is an artifact key.
    /// </summary>
    public static ModelSource CheckpointOrStateDict(string location, string architecture, int inputSize, int embeddingSize) =>
        File.Exists(location) && !TrainingCheckpoint.IsCheckpointFile(location)
            ? new PyTorch(location, architecture, inputSize, embeddingSize)
            : new Checkpoint(location);

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
