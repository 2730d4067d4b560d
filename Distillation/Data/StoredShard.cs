using FaceKdGrid.Records;

namespace FaceKdGrid.Distillation.Data;

/// <summary>One shard of a stored data set: its artifact key and manifest.</summary>
public sealed record StoredShard(string Key, ShardManifest Manifest);
