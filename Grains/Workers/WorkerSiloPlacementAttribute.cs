using Orleans.Placement;

namespace FaceKdGrid.Grains.Workers;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerSiloPlacementAttribute() : PlacementAttribute(WorkerSiloPlacement.Instance);
