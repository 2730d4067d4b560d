using System.Globalization;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>
/// `onnx`: an ONNX teacher (the IResNet teacher of `sweep`, exported by the grid's exporter) run by ONNX Runtime on the
/// device and on the CPU over the same random crops: the largest difference of their embeddings, and images/s of each.
/// On a CUDA device this checks that ONNX Runtime's CUDA provider loads and agrees with the CPU.
/// </summary>
internal static class OnnxCudaCheck
{
    private const long Seed = 0;
    private const int EmbeddingSize = 512;

    /// <summary>fp32 on two providers (cuDNN's convolutions, possibly TF32, vs MLAS's) differ by rounding, not by this much.</summary>
    private const double RelativeTolerance = 1e-3;

    public static int Run(BenchSettings settings)
    {
        var device = BenchDevice.Start(settings);
        var report = new BenchReport("onnx", string.Create(CultureInfo.InvariantCulture,
            $"onnx: {settings.TeacherSpec} exported to ONNX, {settings.Batch} random {settings.Size} px crops, ONNX Runtime on {device.Device} vs the CPU, {settings.Threads} thread(s)"),
            settings);
        var folder = Directory.CreateTempSubdirectory("facekd-bench-onnx-").FullName;
        try
        {
            var path = Path.Combine(folder, "teacher.onnx");
            using (var network = TorchRuntime.Seeded(Seed, () => ModelFactory.Create(settings.TeacherSpec, settings.Size, EmbeddingSize)))
            {
                ModelExport.Write(network, ExportFormat.Onnx, path, overwrite: true);
            }
            using var teacher = OnnxEmbedder.Open(path, new OnnxInputSettings());
            using var generator = new Generator((ulong)Seed);
            using var pixels = torch.randint(0, 256, [settings.Batch, 3, settings.Size, settings.Size], generator: generator, dtype: ScalarType.Byte);
            using var onCpu = FaceTensors.ToModelInput(pixels, CPU);
            using var onDevice = FaceTensors.ToModelInput(pixels, device.Device);

            var (cpuEmbeddings, cpuRate) = Embed(device, settings, teacher, onCpu);
            var (deviceEmbeddings, deviceRate) = Embed(device, settings, teacher, onDevice);
            using (cpuEmbeddings)
            using (deviceEmbeddings)
            using (var difference = deviceEmbeddings.cpu().sub(cpuEmbeddings).abs().max())
            using (var magnitude = cpuEmbeddings.abs().max())
            {
                var largest = difference.item<float>();
                var scale = magnitude.item<float>();
                var table = new TextTable("ONNX Runtime on", "images/s", "max |embedding - CPU's|");
                table.Add(device.Device.ToString(), BenchReport.Rate(deviceRate.ImagesPerSecond), largest.ToString("G3", CultureInfo.InvariantCulture));
                table.Add("cpu", BenchReport.Rate(cpuRate.ImagesPerSecond), "0");
                report.Add(table);
                report.Note(string.Create(CultureInfo.InvariantCulture,
                    $"max |{device.Device} - cpu| = {largest:G3}, max |cpu| = {scale:G3}: relative {largest / scale:G3} (tolerance {RelativeTolerance})"));
                report.Raw["max_abs_difference"] = largest;
                report.Raw["max_abs_cpu_embedding"] = scale;
                report.Raw["device_images_per_second"] = deviceRate.ImagesPerSecond;
                report.Raw["cpu_images_per_second"] = cpuRate.ImagesPerSecond;
                report.Finish(settings.OutFile);
                return largest <= RelativeTolerance * scale ? 0 : 1;
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The teacher's embeddings of <paramref name="input"/> (on its device), and their rate over the timed steps.</summary>
    private static (Tensor Embeddings, StepRate Rate) Embed(BenchDevice device, BenchSettings settings, OnnxEmbedder teacher, Tensor input)
    {
        using var noGrad = torch.no_grad();
        var embeddings = teacher.forward(input);
        for (var step = 0; step < settings.Warmup; step++)
        {
            teacher.forward(input).Dispose();
        }
        var time = device.Time(() =>
        {
            for (var step = 0; step < settings.Steps; step++)
            {
                teacher.forward(input).Dispose();
            }
        });
        return (embeddings, new StepRate(settings.Steps, settings.Batch, time));
    }
}
