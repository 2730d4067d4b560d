using FaceKdGrid.Records;

namespace FaceKdGrid.Distillation.Data;

/// <summary>The shards an ingest wrote, in order, and the report of what was read and skipped.</summary>
public sealed record IngestResult(IReadOnlyList<ShardManifest> Shards, IngestReport Report);
