using System.Globalization;
using FaceKdGrid.Distillation.Models;

namespace FaceKdGrid.Bench;

/// <summary>What one benchmark command runs: device and threads, image and batch size, the student, how long to
/// measure, and (for the sweep) the trials and their teacher. Each command reads only the settings it uses.</summary>
internal sealed record BenchSettings
{
    /// <summary>The unlabeled pool is split into this many shards, so batches and teacher caches work per shard.</summary>
    public const int ShardCount = 2;

    /// <summary>Pool size when none is given: this many batches.</summary>
    public const int DefaultBatchesPerPool = 16;

    public string Device { get; init; } = "cpu";

    public int Threads { get; init; } = 1;

    public int Size { get; init; } = 112;

    public int Batch { get; init; } = 256;

    /// <summary>MobileFaceNet width multiplier of the student measured by train and loader.</summary>
    public double Width { get; init; } = 0.5;

    public int Steps { get; init; } = 20;

    public int Warmup { get; init; } = 5;

    /// <summary>Measurements of each side, interleaved, so a change in machine load hits both alike.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Random images in the pool (loader and sweep); null: <see cref="DefaultBatchesPerPool"/> batches.</summary>
    public int? Images { get; init; }

    public int Trials { get; init; } = 4;

    public int Epochs { get; init; } = 1;

    public int TeacherDepth { get; init; } = 18;

    public double TeacherWidth { get; init; } = 0.5;

    /// <summary>Images per shard of an ingested data set (ingest).</summary>
    public int ShardSize { get; init; } = Distillation.Data.DatasetIngest.DefaultImagesPerShard;

    public string Python { get; init; } = "python3";

    public string? OutFile { get; init; }

    public int PoolImages => Images ?? DefaultBatchesPerPool * Batch;

    /// <summary>Batches per epoch of the pool: a batch never spans two shards, so each shard's tail is dropped.</summary>
    public int BatchesPerEpoch => ShardCount * (PoolImages / ShardCount / Batch);

    /// <summary>The teacher as a <see cref="Distillation.Models.ModelFactory"/> spec.</summary>
    public string TeacherSpec => string.Create(CultureInfo.InvariantCulture, $"iresnet{TeacherDepth}:width={TeacherWidth}");

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public BenchSettings Validate()
    {
        Require(Threads >= 1, nameof(Threads), Threads, "must be at least 1");
        Require(Size >= 32 && Size % 16 == 0, nameof(Size), Size, "must be a multiple of 16 and at least 32");
        Require(Batch >= 2, nameof(Batch), Batch, "must be at least 2 (batch norm needs two samples)");
        Require(double.IsFinite(Width) && Width > 0, nameof(Width), Width, "must be a positive number");
        Require(Steps >= 1, nameof(Steps), Steps, "must be at least 1");
        Require(Warmup >= 0, nameof(Warmup), Warmup, "must be zero or positive");
        Require(Repeats >= 1, nameof(Repeats), Repeats, "must be at least 1");
        Require(PoolImages >= ShardCount * Batch, nameof(Images), PoolImages, $"must hold at least one batch per shard ({ShardCount} x batch)");
        Require(Trials >= 1 && Trials <= SweepBenchmark.StudentWidths.Length, nameof(Trials), Trials, $"must be 1 to {SweepBenchmark.StudentWidths.Length}");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Require(IResNetConfig.KnownDepths.Contains(TeacherDepth), nameof(TeacherDepth), TeacherDepth, $"must be one of {string.Join(", ", IResNetConfig.KnownDepths)}");
        Require(double.IsFinite(TeacherWidth) && TeacherWidth > 0, nameof(TeacherWidth), TeacherWidth, "must be a positive number");
        Require(ShardSize >= 1, nameof(ShardSize), ShardSize, "must be at least 1");
        Require(!string.IsNullOrWhiteSpace(Python), nameof(Python), Python, "must name a Python interpreter");
        return this;
    }

    private static void Require(bool ok, string name, object value, string problem)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {problem}; got {value}");
        }
    }
}
