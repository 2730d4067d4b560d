namespace FaceKdGrid.Grains.Specs;

/// <summary>Where a sweep's teacher comes from.</summary>
public enum TeacherKind
{
    /// <summary>Trained once per sweep, with ArcFace on a labeled SynthFace set, as the trial <c>teacher</c>.</summary>
    Train,

    /// <summary>A user-supplied InsightFace IResNet checkpoint.</summary>
    Checkpoint,

    /// <summary>The pretrained dlib ResNet face descriptor shipped in a registry package.</summary>
    Dlib,

    /// <summary>A face model in an ONNX file, run by ONNX Runtime.</summary>
    Onnx,
}
