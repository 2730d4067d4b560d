namespace FaceKdGrid.GridTestSupport;

/// <summary>Sweep specs in YAML shared by the spec, grain and CLI tests.</summary>
public static class SpecSamples
{
    /// <summary>The brief's quickstart spec, every section spelled out.</summary>
    public const string Quickstart = """
        name: quickstart
        teacher:
          kind: train
          model: "iresnet:layers=1-1-1-1,width=0.25"
          path: null
          epochs: 10
          identities: 200
          images_per_identity: 20
          lr: 0.1
        data:
          synthface: { image_size: 32, difficulty: standard, seed: 7, identities: 400, images: 4000 }
          shard_size: 4096
        evaluation:
          synthface: { identities: 100, pairs_per_fold: 50, folds: 10 }
        search_space:
          compression_ratio: { grid: [4, 8] }
          aug.method: replacement
          aug.strength: { grid: [0.25, 0.5] }
          aug.region: any
          loss: indirect+feature
          loss.temperature: 4.0
          lr: { loguniform: [0.01, 0.1] }
          epochs: 6
          batch_size: 64
          seed: 0
        num_samples: 1
        metric: accuracy
        mode: max
        max_concurrent: 4
        scheduler: { kind: fifo }
        max_failures: 2
        device: cpu
        """;

    /// <summary>Only the required fields.</summary>
    public const string Minimal = """
        name: minimal
        teacher: { kind: dlib }
        search_space:
          compression_ratio: [2, 4]
        """;
}
