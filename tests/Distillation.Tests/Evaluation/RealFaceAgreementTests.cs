using System.Diagnostics;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

/// <summary>
/// The whole real-face path on face-api's six demo photos: detection and landmarks under Node, alignment, and the
/// agreement of embedders on the aligned faces.
/// </summary>
public sealed class RealFaceAgreementTests(ITestOutputHelper output)
{
    private const int CropSize = 150;

    /// <summary>Faces face-api's SSD MobileNet finds in sample1..6.jpg at its default minimum score (0.5); 22 in all.</summary>
    private static readonly int[] FacesPerDemoPhoto = [3, 3, 3, 4, 5, 4];

    [FaceApiInstalledFact]
    public void DemoPhotosGiveTheirFacesAndTheTeacherAgreesWithItselfFarMoreThanWithAnUntrainedStudent()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var watch = Stopwatch.StartNew();
        using var extracted = PhotoFaces.Extract(FaceApiPackage.DemoPhotos, CropSize);
        var extraction = watch.Elapsed;

        Assert.Equal(FacesPerDemoPhoto, extracted.Photos.Select(photo => photo.FacesFound));
        Assert.Equal(22, extracted.Faces.Count);
        Assert.Equal(ScalarType.Byte, extracted.Faces.Images.dtype);
        Assert.Equal(new long[] { 22, 3, CropSize, CropSize }, extracted.Faces.Images.shape);
        Assert.Empty(extracted.Report.Skipped);

        using var teacher = new DlibChipEmbedder(DlibWeights.Load(FaceApiPackage.ModelDirectory));
        using var student = new MobileFaceNet(new MobileFaceNetConfig(Width: 0.25, Depth: 0.5, InputSize: 32, EmbeddingSize: 64), new torch.Generator(1));
        var itself = EmbeddingAgreement.Compare(teacher, teacher, extracted.Faces, torch.CPU);
        var untrained = EmbeddingAgreement.Compare(teacher, student, extracted.Faces, torch.CPU);
        output.WriteLine($"{extracted.Faces.Count} faces from {extracted.Photos.Count} photos in {extraction.TotalSeconds:F1} s; whole test {watch.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"dlib vs dlib: correlation {itself.SimilarityCorrelation:F4}, neighbours {itself.NeighbourAgreement:F3}");
        output.WriteLine($"dlib vs untrained MobileFaceNet: correlation {untrained.SimilarityCorrelation:F4}, neighbours {untrained.NeighbourAgreement:F3}");

        Assert.Equal(1, itself.SimilarityCorrelation, 1e-6);
        Assert.Equal(1, itself.NeighbourAgreement);
        Assert.True(untrained.SimilarityCorrelation < 0.8,
            $"an untrained student should not arrange real faces like the teacher; correlation {untrained.SimilarityCorrelation}");
    }
}
