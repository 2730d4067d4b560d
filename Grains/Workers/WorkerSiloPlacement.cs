using Orleans.Runtime;

namespace FaceKdGrid.Grains.Workers;

/// <summary>Places a grain keyed <c>{silo}/...</c> on the active silo of that name, and nowhere else.</summary>
[GenerateSerializer, Immutable, Alias("fkd.WorkerSiloPlacement")]
public sealed class WorkerSiloPlacement : PlacementStrategy
{
    public static WorkerSiloPlacement Instance { get; } = new();
}
