using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// Loads the pretrained dlib face descriptor that the npm package @vladmandic/face-api ships
/// (model/face_recognition_model-weights_manifest.json + face_recognition_model.bin) into a <see cref="DlibResNet"/>.
/// </summary>
public static class DlibWeights
{
    /// <summary>Environment variable naming the folder that holds the model files.</summary>
    public const string ModelDirectoryVariable = "FACEKD_DLIB_MODEL_DIR";

    public const string ManifestFileName = "face_recognition_model-weights_manifest.json";

    private const string InstallHint =
        "run `" + RepositoryFiles.NodeInstallCommand + "` in the repository root, or set " + ModelDirectoryVariable + " to a folder holding face-api's face_recognition_model files";

    private static readonly string PackageModelPath = Path.Combine("tools", "node_modules", "@vladmandic", "face-api", "model");

    /// <summary>
    /// The model folder: FACEKD_DLIB_MODEL_DIR when set; else tools/node_modules/@vladmandic/face-api/model in the
    /// nearest folder, walking up from the current directory and then from the app's base directory, that has
    /// the manifest; null when there is none.
    /// </summary>
    public static string? DefaultDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(ModelDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }
            var manifest = RepositoryFiles.FindAbove(Path.Combine(PackageModelPath, ManifestFileName));
            return manifest is null ? null : Path.GetDirectoryName(manifest);
        }
    }

    /// <summary>Loads the weights from <see cref="DefaultDirectory"/>.</summary>
    public static DlibResNet LoadDefault() =>
        Load(DefaultDirectory ?? throw new DirectoryNotFoundException($"no dlib face-descriptor model folder found: {InstallHint}"));

    /// <summary>
    /// A <see cref="DlibResNet"/> in eval mode with the package's weights: uint8 values dequantised, filters
    /// permuted from TensorFlow's [kh, kw, in, out] to [out, in, kh, kw], fc [256, 128] transposed.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The manifest or the binary file is missing.</exception>
    /// <exception cref="InvalidDataException">The files do not hold the dlib descriptor's 117 tensors.</exception>
    public static DlibResNet Load(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        if (!Directory.Exists(modelDirectory))
        {
            throw new DirectoryNotFoundException($"dlib model folder '{modelDirectory}' does not exist: {InstallHint}");
        }
        var manifestPath = Path.Combine(modelDirectory, ManifestFileName);
        var weights = TfjsWeightsReader.Read(manifestPath);
        var model = new DlibResNet();
        try
        {
            Assign(model, weights, manifestPath);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }

    private static void Assign(DlibResNet model, IReadOnlyList<TfjsWeight> weights, string manifestPath)
    {
        var parameters = model.named_parameters().ToDictionary(entry => entry.name, entry => entry.parameter);
        var assigned = new HashSet<string>();
        using var noGrad = torch.no_grad();
        foreach (var weight in weights)
        {
            var name = ParameterName(weight.Name);
            if (!parameters.TryGetValue(name, out var parameter))
            {
                throw new InvalidDataException($"'{manifestPath}' holds tensor '{weight.Name}', which the dlib face descriptor does not have");
            }
            if (!assigned.Add(name))
            {
                throw new InvalidDataException($"'{manifestPath}' holds tensor '{weight.Name}' twice");
            }
            var expectedShape = StoredShape(parameter.shape);
            if (!weight.Shape.SequenceEqual(expectedShape))
            {
                throw new InvalidDataException(
                    $"'{manifestPath}': tensor '{weight.Name}' has shape [{string.Join(", ", weight.Shape)}], expected [{string.Join(", ", expectedShape)}]");
            }
            using var stored = torch.tensor(weight.Values, weight.Shape);
            using var arranged = ToTorchLayout(stored);
            parameter.copy_(arranged);
        }
        var missing = parameters.Keys.Where(name => !assigned.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"'{manifestPath}' lacks {missing.Count} of the dlib face descriptor's {parameters.Count} tensors: {string.Join(", ", missing.Take(5))}");
        }
    }

    /// <summary>face-api's weight name (e.g. conv32_1/conv1/conv/filters) to the module's (body.conv32_1.conv1.conv.weight).</summary>
    private static string ParameterName(string weightName)
    {
        if (weightName == "fc")
        {
            return "fc.weight";
        }
        var parts = weightName.Split('/');
        parts[^1] = parts[^1] switch
        {
            "filters" or "weights" => "weight",
            "biases" => "bias",
            var other => other,
        };
        return "body." + string.Join('.', parts);
    }

    /// <summary>The TensorFlow layout a parameter of this shape is stored in.</summary>
    private static long[] StoredShape(long[] parameterShape) => parameterShape.Length switch
    {
        4 => [parameterShape[2], parameterShape[3], parameterShape[1], parameterShape[0]],
        2 => [parameterShape[1], parameterShape[0]],
        _ => parameterShape,
    };

    private static Tensor ToTorchLayout(Tensor stored) => stored.dim() switch
    {
        4 => stored.permute(3, 2, 0, 1),
        2 => stored.t(),
        _ => stored.alias(),
    };
}
