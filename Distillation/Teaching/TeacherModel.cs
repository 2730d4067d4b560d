using System.Globalization;
using System.Security.Cryptography;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// A frozen teacher ready to supervise students: its network, its class centres when it was trained with a
/// classifier (the prototypes of the indirect loss), and a stable id that keys every cache derived from it.
/// </summary>
public sealed class TeacherModel : IDisposable
{
    /// <summary>Checkpoint properties that name a trained network's architecture (teachers' and students' alike): a ModelFactory spec, its crop and embedding sizes.</summary>
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

    /// <summary>
    /// A backbone saved by PyTorch (a state dict, e.g. an InsightFace IResNet checkpoint), loaded into the
    /// architecture <paramref name="modelSpec"/> names (ModelFactory syntax) for crops of <paramref name="inputSize"/> px.
    /// </summary>
    public static TeacherModel FromPyTorch(string path, string modelSpec, int inputSize, int embeddingSize)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"PyTorch checkpoint '{path}' does not exist", path);
        }
        var network = ModelFactory.Create(modelSpec, inputSize, embeddingSize);
        try
        {
            LoadStateDict(network, path);
        }
        catch (Exception error) when (error is not IOException)
        {
            network.Dispose();
            throw new InvalidDataException(
                $"'{path}' does not fit {modelSpec} for {inputSize} px crops with {embeddingSize}-d embeddings (InsightFace checkpoints are 112 px, 512-d): {error.Message}", error);
        }
        using var file = File.OpenRead(path);
        return new TeacherModel(network, null, "pt-" + Convert.ToHexStringLower(SHA256.HashData(file))[..12]);
    }

    /// <summary>Copies a PyTorch state dict into <paramref name="network"/>, requiring the same names and shapes.</summary>
    private static void LoadStateDict(FaceEmbedder network, string path)
    {
        var saved = PyTorchUnpickler.UnpickleStateDict(path);
        var own = network.state_dict();
        var missing = own.Keys.Where(key => !saved.ContainsKey(key)).ToList();
        var unexpected = saved.Keys.Cast<string>().Where(key => !own.ContainsKey(key)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            throw new InvalidDataException($"{missing.Count} tensors missing (e.g. {missing.FirstOrDefault()}), {unexpected.Count} unexpected (e.g. {unexpected.FirstOrDefault()})");
        }
        using var noGrad = torch.no_grad();
        foreach (var (key, target) in own)
        {
            using var source = (Tensor)saved[key]!;
            if (!source.shape.SequenceEqual(target.shape))
            {
                throw new InvalidDataException($"{key} is [{string.Join(", ", source.shape)}] in the file but [{string.Join(", ", target.shape)}] in the model");
            }
            target.copy_(source);
        }
    }

    /// <summary>
    /// The pretrained dlib ResNet descriptor (no classifier: the indirect loss uses k-means prototypes), re-aligning the
    /// grid's crops to dlib's chip layout (<see cref="DlibChipEmbedder"/>). Its id names the weights and the layout.
    /// </summary>
    /// <param name="modelDirectory">face-api's model folder; null finds the installed npm package.</param>
    public static TeacherModel FromDlib(string? modelDirectory = null)
    {
        var directory = modelDirectory ?? DlibWeights.DefaultDirectory
            ?? throw new DirectoryNotFoundException("the dlib teacher's weights were not found: run `npm ci --prefix tools` or set " + DlibWeights.ModelDirectoryVariable);
        var network = new DlibChipEmbedder(DlibWeights.Load(directory));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(directory, "face_recognition_model*").Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }
        return new TeacherModel(network, null, $"dlib-{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}-{DlibChipEmbedder.LayoutTag}");
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
