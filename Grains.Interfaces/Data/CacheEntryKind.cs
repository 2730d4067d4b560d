namespace FaceKdGrid.Grains.Data;

public enum CacheEntryKind
{
    /// <summary>Teacher embeddings (or logits) of one shard under one augmentation key and epoch.</summary>
    TeacherOutputs,

    /// <summary>k-means prototypes of teacher embeddings over a whole data set (held by its shard 0).</summary>
    Prototypes,

    /// <summary>The data set itself, rendered or ingested once into shards in the artifact store (held by its shard 0).</summary>
    Materialisation,
}
