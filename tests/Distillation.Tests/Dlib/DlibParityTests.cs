using System.Diagnostics;
using System.Runtime.InteropServices;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Dlib;

/// <summary>The port against face-api's own forward pass (tools/dlib-reference.mjs on the tfjs CPU backend).</summary>
public sealed class DlibParityTests : IDisposable
{
    private const int ImageCount = 4;
    private const int Size = 150;

    private readonly string workFolder = Directory.CreateTempSubdirectory("facekd-dlib-parity-").FullName;

    public void Dispose() => Directory.Delete(workFolder, recursive: true);

    [Fact]
    public void DescriptorsMatchThePackagesForwardPass()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var modelDirectory = DlibTestFiles.RequireModelDirectory();
        using var model = DlibWeights.Load(modelDirectory);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var images = SmoothPatterns(seed: 11);

        var expected = RunReference(images, modelDirectory);
        var actual = model.forward(images);

        var maxError = actual.sub(expected).abs().max().item<float>();
        Assert.True(maxError < 1e-4f, $"largest difference from face-api's descriptors: {maxError}");
        // Agreement only means something if the descriptors are far apart compared with the tolerance.
        var closestPair = torch.cdist(expected, expected).add(torch.eye(ImageCount).mul(1e9f)).min().item<float>();
        Assert.True(closestPair > 0.01f, $"reference descriptors too close to tell apart: {closestPair}");
    }

    /// <summary>Random colour fields upsampled from 5x5: smooth like faces, deterministic per seed, in [-1, 1].</summary>
    private static Tensor SmoothPatterns(long seed)
    {
        var generator = new Generator((ulong)seed);
        var coarse = torch.rand([ImageCount, 3, 5, 5], generator: generator).mul_(2).sub_(1);
        return nn.functional.interpolate(coarse, [Size, Size], mode: InterpolationMode.Bicubic, align_corners: false)
            .clamp_(-1, 1);
    }

    private Tensor RunReference(Tensor images, string modelDirectory)
    {
        var imagesPath = Path.Combine(workFolder, "images.f32");
        var descriptorsPath = Path.Combine(workFolder, "descriptors.f32");
        // The script takes height x width x RGB in 0..255.
        var pixels = images.permute(0, 2, 3, 1).mul(127.5f).add_(127.5f).contiguous().data<float>().ToArray();
        File.WriteAllBytes(imagesPath, MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray());

        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { DlibTestFiles.ReferenceScript, imagesPath, descriptorsPath, modelDirectory })
        {
            start.ArgumentList.Add(argument);
        }
        using var node = Process.Start(start)!;
        var standardError = node.StandardError.ReadToEndAsync();
        var standardOutput = node.StandardOutput.ReadToEndAsync();
        Assert.True(node.WaitForExit(TimeSpan.FromMinutes(2)), "node tools/dlib-reference.mjs did not finish in 2 minutes");
        Assert.True(node.ExitCode == 0, $"node tools/dlib-reference.mjs failed ({node.ExitCode}): {standardError.Result}{standardOutput.Result}");

        var values = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(descriptorsPath)).ToArray();
        Assert.Equal(ImageCount * 128, values.Length);
        return torch.tensor(values, [ImageCount, 128]);
    }
}
