namespace FaceKdGrid.Grains.Data;

/// <summary>The data shard grain key: <c>{dataset}/{shard}</c>.</summary>
public static class DataShardKeys
{
    public static string Of(string dataset, int shard) => $"{dataset}/{shard}";

    /// <summary>The shard grain that holds a data set's prototypes: its shard 0.</summary>
    public static string PrototypesHolder(string dataset) => Of(dataset, 0);
}
