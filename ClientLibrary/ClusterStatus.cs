using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Workers;
using Orleans.Runtime;

namespace FaceKdGrid.ClientLibrary;

/// <summary>The cluster now: its active silos (Orleans' membership entries) and every worker the registry knows.</summary>
public sealed record ClusterStatus(IReadOnlyList<MembershipEntry> Silos, IReadOnlyList<WorkerInfo> Workers)
{
    /// <summary>Live workers and their slots, free and in all.</summary>
    public ClusterCapacity Capacity => ClusterCapacity.Of(Workers);
}
