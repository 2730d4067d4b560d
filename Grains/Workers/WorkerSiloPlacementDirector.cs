using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace FaceKdGrid.Grains.Workers;

/// <summary>Puts a worker grain on the silo its key names; refuses when that silo is not active.</summary>
public sealed class WorkerSiloPlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var siloName = WorkerKeys.SiloOf(target.GrainIdentity.Key.ToString()!);
        var compatible = context.GetCompatibleSilos(target);
        var match = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && member.Name == siloName)
            .Select(member => member.SiloAddress)
            .FirstOrDefault(address => compatible.Contains(address));
        return match is not null
            ? Task.FromResult(match)
            : throw new SiloUnavailableException($"no active silo named '{siloName}' can host worker '{target.GrainIdentity.Key}'");
    }
}
