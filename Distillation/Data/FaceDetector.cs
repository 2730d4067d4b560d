using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceKdGrid.Distillation.Runtime;
using SkiaSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Finds faces and their five alignment points in decoded photos by running tools/detect-faces.mjs (face-api's
/// SSD MobileNet v1 detector and 68-landmark net on the pure-JavaScript TensorFlow.js backend) under Node.
/// </summary>
public sealed class FaceDetector
{
    public static readonly string RepositoryScriptPath = Path.Combine("tools", "detect-faces.mjs");

    private static readonly string PackagePath = Path.Combine("node_modules", "@vladmandic", "face-api", "package.json");

    /// <param name="nodePath">The node executable (Node 20 or later).</param>
    /// <param name="scriptPath">detect-faces.mjs, with face-api installed in node_modules beside it.</param>
    public FaceDetector(string nodePath, string scriptPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptPath);
        if (!File.Exists(nodePath))
        {
            throw new FileNotFoundException($"node executable '{nodePath}' does not exist", nodePath);
        }
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException($"face detection script '{scriptPath}' does not exist", scriptPath);
        }
        var package = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scriptPath))!, PackagePath);
        if (!File.Exists(package))
        {
            throw new DirectoryNotFoundException(
                $"face-api is not installed beside '{scriptPath}' ('{package}' is missing): run `{RepositoryFiles.NodeInstallCommand}` in the repository root");
        }
        NodePath = nodePath;
        ScriptPath = scriptPath;
    }

    public string NodePath { get; }

    public string ScriptPath { get; }

    /// <summary>node from PATH and tools/detect-faces.mjs found above the current or the app's directory.</summary>
    /// <exception cref="FileNotFoundException">node or the script is missing; the message says which.</exception>
    /// <exception cref="DirectoryNotFoundException">face-api is not installed (tools/node_modules).</exception>
    public static FaceDetector Locate()
    {
        var node = ExecutableSearch.FindOnPath("node")
            ?? throw new FileNotFoundException("node was not found on PATH: install Node.js 20 or later to detect faces", "node");
        var script = RepositoryFiles.FindAbove(RepositoryScriptPath)
            ?? throw new FileNotFoundException(
                $"'{RepositoryScriptPath}' was not found above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}': run facekd from inside a FaceKdGrid checkout",
                RepositoryScriptPath);
        return new FaceDetector(node, script);
    }

    /// <summary>The faces in each photo, in photo order.</summary>
    /// <param name="photos">Decoded RGBA photos (see <see cref="FaceImageDecoder"/>).</param>
    /// <param name="minScore">The detector's minimum confidence in (0, 1); null for face-api's default (0.5).</param>
    /// <exception cref="InvalidOperationException">The script failed; the message holds its error output.</exception>
    public IReadOnlyList<IReadOnlyList<DetectedFace>> Detect(IReadOnlyList<SKBitmap> photos, double? minScore = null)
    {
        ArgumentNullException.ThrowIfNull(photos);
        if (minScore is { } score && !(score > 0 && score < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minScore), score, "the minimum detection score must lie between 0 and 1, exclusive");
        }
        if (photos.Count == 0)
        {
            return [];
        }
        var work = Directory.CreateTempSubdirectory("facekd-detect-").FullName;
        try
        {
            var manifest = Path.Combine(work, "manifest.json");
            var entries = new JsonArray();
            for (var i = 0; i < photos.Count; i++)
            {
                var file = string.Create(CultureInfo.InvariantCulture, $"{i}.f32");
                WriteFloatRgb(photos[i], Path.Combine(work, file));
                entries.Add(new JsonObject { ["file"] = file, ["width"] = photos[i].Width, ["height"] = photos[i].Height });
            }
            File.WriteAllText(manifest, new JsonObject { ["images"] = entries }.ToJsonString());
            var facesPath = Path.Combine(work, "faces.json");
            RunScript(manifest, facesPath, minScore);
            return ReadFaces(facesPath, photos.Count);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The script's input: height x width x RGB, float32 0..255, little-endian (as every supported runtime is).</summary>
    private static void WriteFloatRgb(SKBitmap photo, string path)
    {
        if (photo.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException($"photos must be RGBA8888 bitmaps; got {photo.ColorType}", nameof(photo));
        }
        ReadOnlySpan<byte> rgba = photo.GetPixelSpan();
        var row = new float[photo.Width * 3];
        using var file = File.Create(path);
        for (var y = 0; y < photo.Height; y++)
        {
            var pixels = rgba.Slice(y * photo.RowBytes, photo.Width * 4);
            for (var x = 0; x < photo.Width; x++)
            {
                row[3 * x] = pixels[4 * x];
                row[3 * x + 1] = pixels[4 * x + 1];
                row[3 * x + 2] = pixels[4 * x + 2];
            }
            file.Write(MemoryMarshal.AsBytes(row.AsSpan()));
        }
    }

    private void RunScript(string manifestPath, string facesPath, double? minScore)
    {
        var start = new ProcessStartInfo(NodePath) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(manifestPath);
        start.ArgumentList.Add(facesPath);
        if (minScore is { } score)
        {
            start.ArgumentList.Add("--min-score");
            start.ArgumentList.Add(score.ToString("R", CultureInfo.InvariantCulture));
        }
        using var node = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{NodePath}'");
        var standardError = node.StandardError.ReadToEndAsync();
        var standardOutput = node.StandardOutput.ReadToEndAsync();
        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"node {ScriptPath} failed (exit code {node.ExitCode}): {standardError.Result.Trim()}{standardOutput.Result.Trim()}");
        }
    }

    private IReadOnlyList<IReadOnlyList<DetectedFace>> ReadFaces(string facesPath, int photoCount)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(facesPath));
        var images = document.RootElement.GetProperty("images");
        if (images.GetArrayLength() != photoCount)
        {
            throw new InvalidOperationException($"node {ScriptPath} reported {images.GetArrayLength()} images for {photoCount} photos");
        }
        return images.EnumerateArray()
            .Select(image => (IReadOnlyList<DetectedFace>)image.GetProperty("faces").EnumerateArray().Select(ReadFace).ToArray())
            .ToArray();
    }

    private static DetectedFace ReadFace(JsonElement face)
    {
        var box = face.GetProperty("box").EnumerateArray().Select(value => value.GetDouble()).ToArray();
        var points = face.GetProperty("points").EnumerateArray()
            .Select(point => (point[0].GetDouble(), point[1].GetDouble()))
            .ToArray();
        return new DetectedFace((box[0], box[1], box[2], box[3]), face.GetProperty("score").GetDouble(), points);
    }
}
