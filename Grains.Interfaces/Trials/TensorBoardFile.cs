namespace FaceKdGrid.Grains.Trials;

/// <summary>A trial's TensorBoard event file: its name (TensorBoard reads files whose name holds "tfevents") and content.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TensorBoardFile")]
public sealed record TensorBoardFile
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required byte[] Content { get; init; }
}
