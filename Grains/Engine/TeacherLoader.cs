using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Grains.Engine;

/// <summary>The frozen teacher a student trial learns from, by the sweep's teacher kind.</summary>
internal static class TeacherLoader
{
    public static async Task<TeacherModel> LoadAsync(TrialAssignment assignment, int imageSize, IArtifactStore store, Device device,
        CancellationToken cancellationToken)
    {
        var source = assignment.Teacher.Kind == TeacherKind.Train
            ? new ModelSource.Checkpoint(assignment.TeacherCheckpoint ?? throw new InvalidOperationException("the sweep's teacher trial has not produced a checkpoint"))
            : SourceOf(assignment.Teacher, imageSize);
        var teacher = await source.LoadAsync(store, cancellationToken);
        teacher.Network.to(device);
        return teacher;
    }

    /// <summary>
    /// Where a loaded teacher comes from. teacher.path names, for a checkpoint teacher, a local file or an artifact-store
    /// key (another sweep's checkpoint, or a file pushed with 'facekd data push NAME --teacher FILE'): a FaceKdGrid
    /// checkpoint (e.g. another sweep's teacher), or a PyTorch state dict (e.g. an InsightFace IResNet) for the
    /// architecture teacher.model names; for an ONNX teacher, the model file.
    /// </summary>
    public static ModelSource SourceOf(TeacherSpec spec, int imageSize) => spec.Kind switch
    {
        TeacherKind.Checkpoint => ModelSource.CheckpointOrStateDict(PathOf(spec), spec.Model, imageSize, spec.EmbeddingSize ?? ModelSource.InsightFaceEmbeddingSize),
        TeacherKind.Dlib => new ModelSource.Dlib(spec.Path),
        TeacherKind.Onnx => new ModelSource.Onnx(PathOf(spec), OnnxInputOf(spec)),
        _ => throw new ArgumentException($"teacher.kind '{spec.Kind}' is trained by the sweep, not loaded", nameof(spec)),
    };

    /// <summary>What an ONNX teacher's spec says about the model's input (the rest comes from the model).</summary>
    public static OnnxInputSettings OnnxInputOf(TeacherSpec spec) => new()
    {
        InputSize = spec.InputSize,
        ChannelOrder = spec.ChannelOrder,
        Mean = spec.Mean,
        Scale = spec.Scale,
    };

    private static string PathOf(TeacherSpec spec) => string.IsNullOrWhiteSpace(spec.Path)
        ? throw new ArgumentException($"teacher.path: a {SpecNames.TeacherKinds.NameOf(spec.Kind)} teacher needs the path of its file", nameof(spec))
        : spec.Path;
}
