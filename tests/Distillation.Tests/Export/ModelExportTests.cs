using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>An export replaces a file only when asked, and a failed one leaves nothing behind.</summary>
public sealed class ModelExportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("facekd-export-").FullName;

    public ModelExportTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void AnExistingFileIsKeptUnlessOverwriteIsAsked()
    {
        using var network = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64));
        var path = Path.Combine(folder, "student.onnx");
        File.WriteAllText(path, "keep me");

        Assert.Throws<IOException>(() => ModelExport.Write(network, ExportFormat.Onnx, path, overwrite: false));
        Assert.Equal("keep me", File.ReadAllText(path));

        ModelExport.Write(network, ExportFormat.Onnx, path, overwrite: true);
        Assert.True(new FileInfo(path).Length > 10_000);
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void AFailedExportLeavesNoFile()
    {
        // The chip embedder warps its input with a sampling grid, which the ONNX writer does not emit.
        using var network = new DlibChipEmbedder(new DlibResNet());
        var path = Path.Combine(folder, "dlib.onnx");

        Assert.Throws<NotSupportedException>(() => ModelExport.Write(network, ExportFormat.Onnx, path, overwrite: false));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
