using System.Globalization;
using System.Security.Cryptography;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Training;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// A frozen teacher ready to supervise students: its network, its class centres when it was trained with a
/// classifier (the prototypes of the indirect loss), and a stable id that keys every cache derived from it.
/// </summary>
public sealed class TeacherModel : IDisposable
{
    public const string ModelProperty = "model";
    public const string InputSizeProperty = "input_size";
    public const string EmbeddingSizeProperty = "embedding_size";
    public const string ClassesProperty = "classes";

    public TeacherModel(FaceEmbedder network, Tensor? classCentres, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (classCentres is not null && (classCentres.dim() != 2 || classCentres.shape[1] != network.EmbeddingSize))
        {
            throw new ArgumentException($"class centres must be [K, {network.EmbeddingSize}]; got [{string.Join(", ", classCentres.shape)}]", nameof(classCentres));
        }
        Network = network;
        ClassCentres = classCentres;
        Id = id;
        Parameters = ModelStatistics.CountParameters(network);
        network.eval();
    }

    public FaceEmbedder Network { get; }

    public Tensor? ClassCentres { get; }

    public string Id { get; }

    public long Parameters { get; }

    /// <summary>Rebuilds a teacher trained by <see cref="Trials.TeacherTraining"/> from its checkpoint.</summary>
    public static TeacherModel FromCheckpoint(TrainingCheckpoint checkpoint)
    {
        string Property(string name) => checkpoint.Properties.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"teacher checkpoint lacks the '{name}' property");
        int Number(string name) => int.Parse(Property(name), CultureInfo.InvariantCulture);

        var network = ModelFactory.Create(Property(ModelProperty), Number(InputSizeProperty), Number(EmbeddingSizeProperty));
        checkpoint.LoadModule("model", network);
        using var head = new ArcFaceHead(network.EmbeddingSize, Number(ClassesProperty));
        checkpoint.LoadModule("head", head);
        return new TeacherModel(network, head.ClassCentres().detach().clone().DetachFromDisposeScope(), IdOf(checkpoint));
    }

    /// <summary>The pretrained dlib ResNet descriptor (no classifier: the indirect loss uses k-means prototypes).</summary>
    /// <param name="modelDirectory">face-api's model folder; null finds the installed npm package.</param>
    public static TeacherModel FromDlib(string? modelDirectory = null)
    {
        var directory = modelDirectory ?? DlibWeights.DefaultDirectory
            ?? throw new DirectoryNotFoundException("the dlib teacher's weights were not found: run `npm ci --prefix tools` or set " + DlibWeights.ModelDirectoryVariable);
        var network = DlibWeights.Load(directory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(directory, "face_recognition_model*").Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }
        return new TeacherModel(network, null, "dlib-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12]);
    }

    /// <summary>A trained teacher's id is a digest of its checkpoint, so every cache keyed by it is exact.</summary>
    public static string IdOf(TrainingCheckpoint checkpoint)
    {
        using var buffer = new MemoryStream();
        checkpoint.WriteTo(buffer);
        buffer.Position = 0;
        return "t" + Convert.ToHexStringLower(SHA256.HashData(buffer))[..16];
    }

    public void Dispose()
    {
        Network.Dispose();
        ClassCentres?.Dispose();
    }
}
