namespace FaceKdGrid.Grains.Specs;

/// <summary>The sweep's teacher: trained in the grid, loaded from a checkpoint or an ONNX file, or the packaged dlib model.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TeacherSpec")]
public sealed record TeacherSpec
{
    [Id(0)] public TeacherKind Kind { get; init; } = TeacherKind.Train;

    /// <summary>Model spec string in the engine's ModelFactory syntax (train and checkpoint).</summary>
    [Id(1)] public string Model { get; init; } = "iresnet:layers=1-1-1-1,width=0.25";

    /// <summary>Checkpoint file or artifact key (checkpoint), or ONNX model file (onnx).</summary>
    [Id(2)] public string? Path { get; init; }

    [Id(3)] public int Epochs { get; init; } = 10;

    /// <summary>SynthFace labeled identities the teacher is trained on.</summary>
    [Id(4)] public int Identities { get; init; } = 200;

    [Id(5)] public int ImagesPerIdentity { get; init; } = 20;

    [Id(6)] public double Lr { get; init; } = 0.1;

    /// <summary>Embedding size of a trained or checkpoint teacher; null takes the kind's default (train 128, checkpoint 512 as InsightFace's).</summary>
    [Id(7)] public int? EmbeddingSize { get; init; }

    /// <summary>onnx: the crop side the model takes; null: its metadata or input shape says (else 112, InsightFace's).</summary>
    [Id(8)] public int? InputSize { get; init; }

    /// <summary>onnx: rgb or bgr; null: the model's metadata says (else rgb).</summary>
    [Id(9)] public string? ChannelOrder { get; init; }

    /// <summary>onnx: input = (pixel − mean) / scale, one value or one per channel; null: the metadata says (else 127.5).</summary>
    [Id(10)] public double[]? Mean { get; init; }

    /// <inheritdoc cref="Mean"/>
    [Id(11)] public double[]? Scale { get; init; }
}
