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
    public static async Task<TeacherModel> LoadAsync(TrialAssignment assignment, IArtifactStore store, Device device, CancellationToken cancellationToken)
    {
        var spec = assignment.Teacher;
        var teacher = spec.Kind switch
        {
            TeacherKind.Train => TeacherModel.FromCheckpoint(await TrialArtifacts.ReadCheckpointAsync(store,
                assignment.TeacherCheckpoint ?? throw new InvalidOperationException("the sweep's teacher trial has not produced a checkpoint"), cancellationToken)),
            TeacherKind.Checkpoint => TeacherModel.FromCheckpoint(await ReadCheckpointAsync(spec.Path, store, cancellationToken)),
            TeacherKind.Dlib => TeacherModel.FromDlib(spec.Path),
            _ => throw new ArgumentException($"teacher.kind '{spec.Kind}' is not supported", nameof(assignment)),
        };
        teacher.Network.to(device);
        return teacher;
    }

    /// <summary>A checkpoint named by a local file path, else by an artifact-store key.</summary>
    private static async Task<TrainingCheckpoint> ReadCheckpointAsync(string? path, IArtifactStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("teacher.path: a checkpoint teacher needs the path of its checkpoint", nameof(path));
        }
        if (File.Exists(path))
        {
            await using var file = File.OpenRead(path);
            return TrainingCheckpoint.ReadFrom(file);
        }
        if (Path.IsPathRooted(path))
        {
            throw new FileNotFoundException($"teacher.path: there is no checkpoint file at '{path}'", path);
        }
        return await TrialArtifacts.ReadCheckpointAsync(store, path, cancellationToken);
    }
}
