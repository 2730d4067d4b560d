using System.Diagnostics;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceTuning
{
    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;

    [Fact]
    [Trait("Category", "Tuning")]
    public void Sheets()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var report = new List<string>();
        foreach (var level in Env("SYNTH_LEVELS", "easy,standard,hard").Split(','))
        {
            foreach (var size in Env("SYNTH_SIZES", "32,112").Split(',').Select(int.Parse))
            {
                var generator = new SynthFaceGenerator(new SynthFaceOptions(size, SynthFaceDifficulty.Parse(level), seed: 1));
                generator.RenderLabeled(100, 2, 32).Dispose();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                using var labeled = generator.RenderLabeled(0, 8, 8);
                var seconds = watch.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                ContactSheet.Write(labeled.Images, $"/tmp/synth/{level}-{size}.png", 8);
                report.Add($"{level} {size}px: {labeled.Count / seconds:F0} img/s wall, {1000 * cpuSeconds / labeled.Count:F2} ms cpu/img");
            }
        }
        File.WriteAllLines("/tmp/synth/sheets.txt", report);
    }

    [Fact]
    [Trait("Category", "Tuning")]
    public void Learnability()
    {
        TorchRuntime.Initialise(cpuThreads: int.Parse(Env("SYNTH_THREADS", "2")));
        var device = TorchRuntime.ResolveDevice(Env("SYNTH_DEVICE", "cpu"));
        var report = new List<string>();
        var size = int.Parse(Env("SYNTH_SIZE", "32"));
        foreach (var level in Env("SYNTH_LEVELS", "standard").Split(','))
        {
            var generator = new SynthFaceGenerator(new SynthFaceOptions(size, SynthFaceDifficulty.Parse(level), seed: 2), device);
            var watch = Stopwatch.StartNew();
            using var set = generator.RenderVerification(100_000, int.Parse(Env("SYNTH_EVAL_IDS", "300")), int.Parse(Env("SYNTH_PAIRS", "100")), 10);
            var raw = RawPixelBaseline.Evaluate(set);
            report.Add($"{level} raw pixels: {raw.Accuracy:F3} ± {raw.AccuracyStd:F3}, TAR@1e-3 {raw.TarAtFar1e3:F3} (render {watch.Elapsed.TotalSeconds:F0}s)");
            File.AppendAllLines("/tmp/synth/learn.txt", report[^1..]);

            torch.manual_seed(3);
            using var model = TinyCnn(size).to(device);
            var random = VerificationEvaluator.Evaluate(x => model.call(x), Eval(model, set), device, 256);
            report.Add($"{level} random CNN: {random.Accuracy:F3} ± {random.AccuracyStd:F3}");
            File.AppendAllLines("/tmp/synth/learn.txt", report[^1..]);

            var identities = int.Parse(Env("SYNTH_TRAIN_IDS", "300"));
            using var train = generator.RenderLabeled(0, identities, int.Parse(Env("SYNTH_PER_ID", "16")));
            var epochs = int.Parse(Env("SYNTH_EPOCHS", "8"));
            Train(model, train, identities, epochs, device, report, set, level);
        }
    }

    private static VerificationSet Eval(nn.Module model, VerificationSet set)
    {
        model.eval();
        return set;
    }

    private static nn.Module<Tensor, Tensor> TinyCnn(int size)
    {
        static IEnumerable<nn.Module<Tensor, Tensor>> Block(int input, int output, int stride) =>
        [
            nn.Conv2d(input, output, 3, stride: stride, padding: 1, bias: false),
            nn.BatchNorm2d(output),
            nn.PReLU(output),
        ];
        var layers = Block(3, 32, 1).Concat(Block(32, 64, 2)).Concat(Block(64, 64, 1)).Concat(Block(64, 128, 2))
            .Concat(Block(128, 128, 1)).Concat(Block(128, 256, 2)).Concat(Block(256, 256, 1)).ToList();
        var side = size / 8;
        layers.Add(nn.Flatten());
        layers.Add(nn.Linear(256 * side * side, 128));
        layers.Add(nn.BatchNorm1d(128));
        return nn.Sequential(layers);
    }

    private static void Train(nn.Module<Tensor, Tensor> model, FaceSet train, int classes, int epochs, Device device, List<string> report, VerificationSet set, string level)
    {
        var weight = nn.Parameter(torch.randn([classes, 128], device: device).mul_(0.01));
        var parameters = model.parameters().Append(weight).ToList();
        var optimiser = torch.optim.SGD(parameters, 0.1, momentum: 0.9, weight_decay: 5e-4);
        var batch = 128;
        var steps = epochs * (train.Count / batch);
        var step = 0;
        var labels = train.Labels!;
        var rng = new Generator(5);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            var order = torch.randperm(train.Count, generator: rng);
            var lossSum = 0.0;
            var correct = 0L;
            var seen = 0L;
            for (var start = 0; start + batch <= train.Count; start += batch)
            {
                using var scope = torch.NewDisposeScope();
                var lr = 0.1 * 0.5 * (1 + Math.Cos(Math.PI * step / steps));
                foreach (var group in optimiser.ParamGroups)
                {
                    group.LearningRate = lr;
                }
                var index = order.narrow(0, start, batch);
                var x = FaceTensors.ToModelInput(train.Images.index_select(0, index), device);
                var flip = torch.rand([batch], device: device).lt(0.5).view(-1, 1, 1, 1);
                x = torch.where(flip, x.flip(3), x);
                var y = labels.index_select(0, index).to(device);
                var embedding = nn.functional.normalize(model.call(x), dim: 1);
                var cos = embedding.matmul(nn.functional.normalize(weight, dim: 1).t());
                var margin = nn.functional.one_hot(y, classes).to_type(ScalarType.Float32).mul(0.35);
                var logits = (cos - margin) * 32;
                var loss = nn.functional.cross_entropy(logits, y);
                optimiser.zero_grad();
                loss.backward();
                optimiser.step();
                lossSum += loss.item<float>();
                correct += cos.argmax(1).eq(y).sum().item<long>();
                seen += batch;
                step++;
            }
            model.eval();
            var result = VerificationEvaluator.Evaluate(x => model.call(x), set, device, 256);
            report.Add($"{level} epoch {epoch + 1}: loss {lossSum / (train.Count / batch):F3}, train acc {(double)correct / seen:F3}, verification {result.Accuracy:F3} ± {result.AccuracyStd:F3}, TAR@1e-3 {result.TarAtFar1e3:F3}");
            File.AppendAllLines("/tmp/synth/learn.txt", report[^1..]);
        }
    }
}
