using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// A sweep small enough for two shared cores yet real: the engine trains a tiny teacher (two epochs), then distils
/// 32 px SynthFace students for <see cref="Epochs"/> epochs each, writing a checkpoint after every epoch.
/// </summary>
internal static class TinySweep
{
    public const int Epochs = 5;

    public static SweepSpec Spec(string name, int students, int maxConcurrent) =>
        SweepSpecYaml.Parse(Yaml(name, students, maxConcurrent)).Spec ?? throw new InvalidOperationException($"the tiny sweep spec '{name}' did not parse");

    /// <summary>The spec as a file holds it, for a facekd process.</summary>
    public static string Yaml(string name, int students, int maxConcurrent) =>
        $$"""
            name: {{name}}
            teacher:
              kind: train
              model: "iresnet:layers=1-1-1-1,width=0.25"
              epochs: 2
              identities: 20
              images_per_identity: 10
            data:
              synthface: { image_size: 32, difficulty: standard, seed: 7, identities: 40, images: 300 }
            evaluation:
              synthface: { identities: 20, pairs_per_fold: 10, folds: 2 }
            search_space:
              compression_ratio: 4
              aug.method: replacement
              aug.strength: 0.5
              aug.region: any
              loss: indirect+feature
              lr: 0.05
              epochs: {{Epochs}}
              batch_size: 32
              seed: { grid: [{{string.Join(", ", Enumerable.Range(0, students))}}] }
            metric: accuracy
            mode: max
            max_concurrent: {{maxConcurrent}}
            scheduler: { kind: fifo }
            max_failures: 0
            device: cpu
            """;
}
