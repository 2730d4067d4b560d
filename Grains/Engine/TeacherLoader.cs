using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Grains.Engine;

/// <summary>The frozen teacher a student trial learns from, by the sweep's teacher kind.</summary>
internal static class TeacherLoader
{
    /// <summary>Embedding size of an InsightFace checkpoint when the spec does not say.</summary>
    public const int InsightFaceEmbeddingSize = 512;

    public static async Task<TeacherModel> LoadAsync(TrialAssignment assignment, int imageSize, IArtifactStore store, Device device,
        CancellationToken cancellationToken)
    {
        var spec = assignment.Teacher;
        var teacher = spec.Kind switch
        {
            TeacherKind.Train => TeacherModel.FromCheckpoint(await TrialArtifacts.ReadCheckpointAsync(store,
                assignment.TeacherCheckpoint ?? throw new InvalidOperationException("the sweep's teacher trial has not produced a checkpoint"), cancellationToken)),
            TeacherKind.Checkpoint => await FromCheckpointPathAsync(spec, imageSize, store, cancellationToken),
            TeacherKind.Dlib => TeacherModel.FromDlib(spec.Path),
            _ => throw new ArgumentException($"teacher.kind '{spec.Kind}' is not supported", nameof(assignment)),
        };
        teacher.Network.to(device);
        return teacher;
    }

    /// <summary>
    /// teacher.path names a local file or an artifact-store key (another sweep's checkpoint, or a file pushed with
    /// 'facekd data push NAME --teacher FILE'): a FaceKdGrid checkpoint (e.g. another sweep's teacher), or a PyTorch
    /// state dict (e.g. an InsightFace IResNet) for the architecture teacher.model names.
    /// </summary>
    private static async Task<TeacherModel> FromCheckpointPathAsync(TeacherSpec spec, int imageSize, IArtifactStore store, CancellationToken cancellationToken)
    {
        var path = spec.Path;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("teacher.path: a checkpoint teacher needs the path of its checkpoint", nameof(spec));
        }
        if (File.Exists(path))
        {
            return await FromFileAsync(spec, path, imageSize);
        }
        if (Path.IsPathRooted(path))
        {
            throw new FileNotFoundException($"teacher.path: there is no checkpoint file at '{path}'", path);
        }
        // Either format may be stored, and a state dict loads from a file: the artifact comes down checked, then loads.
        var download = Path.Combine(Path.GetTempPath(), $"facekd-teacher-{Guid.NewGuid():N}");
        try
        {
            await ArtifactCopy.ToFileAsync(store, path, download, cancellationToken);
            return await FromFileAsync(spec, download, imageSize);
        }
        finally
        {
            File.Delete(download);
        }
    }

    private static async Task<TeacherModel> FromFileAsync(TeacherSpec spec, string path, int imageSize)
    {
        if (!TrainingCheckpoint.IsCheckpointFile(path))
        {
            return TeacherModel.FromPyTorch(path, spec.Model, imageSize, spec.EmbeddingSize ?? InsightFaceEmbeddingSize);
        }
        await using var file = File.OpenRead(path);
        return TeacherModel.FromCheckpoint(TrainingCheckpoint.ReadFrom(file));
    }
}
