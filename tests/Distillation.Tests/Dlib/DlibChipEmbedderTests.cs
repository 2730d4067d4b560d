using System.Security.Cryptography;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Teaching;
using TorchSharp;
using Xunit;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Dlib;

public sealed class DlibChipEmbedderTests
{
    [Theory]
    [InlineData(150)]
    [InlineData(112)]
    [InlineData(32)]
    [InlineData(224)]
    public void AcceptsAnySquareSize(int size)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var embedder = new DlibChipEmbedder(new DlibResNet());
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();

        var descriptors = embedder.forward(torch.rand(2, 3, size, size).mul_(2).sub_(1));

        Assert.Equal([2L, 128L], descriptors.shape);
        Assert.True(descriptors.isfinite().all().item<bool>());
        Assert.Equal(150, embedder.InputSize);
        Assert.True(embedder.AcceptsAnyInputSize);
    }

    [Fact]
    public void ForwardIsTheNetworkOnTheReAlignedChipsNotOnTheResizedCrop()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var network = new DlibResNet();
        using var generator = new torch.Generator(3);
        foreach (var conv in network.modules().OfType<Conv2d>())
        {
            WeightInitialisation.TorchDefault(conv.weight, conv.bias, generator);
        }
        using var embedder = new DlibChipEmbedder(network);
        embedder.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var crops = Smooth(seed: 5, count: 3, size: 112);

        var descriptors = embedder.forward(crops);
        var warpedThenDescribed = network.forward(CropWarp.Warp(crops, DlibChipLayout.FromAlignedCrop(112), 150));
        var resizedThenDescribed = network.forward(nn.functional.interpolate(crops, [150, 150], mode: InterpolationMode.Bilinear, align_corners: false));

        Assert.True(descriptors.allclose(warpedThenDescribed, rtol: 0, atol: 1e-6));
        var fromResize = descriptors.sub(resizedThenDescribed).pow(2).sum(1).sqrt().min().item<float>();
        var spread = torch.cdist(descriptors, descriptors).max().item<float>();
        Assert.True(fromResize > 0.1f * spread, $"re-aligned descriptors lie {fromResize} from the resized crop's; they differ among themselves by up to {spread}");
    }

    [Fact]
    public void TheDlibTeacherReAlignsAndItsIdNamesTheLayout()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var modelDirectory = DlibTestFiles.RequireModelDirectory();

        using var teacher = TeacherModel.FromDlib(modelDirectory);

        Assert.IsType<DlibChipEmbedder>(teacher.Network);
        Assert.Equal(5_614_592, teacher.Parameters);
        // Before re-alignment the id was "dlib-" and the weights' digest alone; outputs cached under it must not be reused.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(modelDirectory, "face_recognition_model*").Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }
        var resizingId = "dlib-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
        Assert.Equal($"{resizingId}-{DlibChipEmbedder.LayoutTag}", teacher.Id);
        Assert.NotEqual(TeacherCacheKey.ForBatches(resizingId, "pool", "none", 1, 64, 0, 0).ArtifactKey,
            TeacherCacheKey.ForBatches(teacher.Id, "pool", "none", 1, 64, 0, 0).ArtifactKey);
        Assert.NotEqual(TeacherCacheKey.ForPrototypes(resizingId, "pool", 100, 1).ArtifactKey,
            TeacherCacheKey.ForPrototypes(teacher.Id, "pool", 100, 1).ArtifactKey);
    }

    /// <summary>Random colour fields upsampled from 6x6, in [-1, 1]: face-like smoothness, deterministic per seed.</summary>
    private static Tensor Smooth(long seed, int count, int size)
    {
        var generator = new Generator((ulong)seed);
        var coarse = torch.rand([count, 3, 6, 6], generator: generator).mul_(2).sub_(1);
        return nn.functional.interpolate(coarse, [size, size], mode: InterpolationMode.Bicubic, align_corners: false).clamp_(-1, 1);
    }
}
