using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Client.Specs;

/// <summary>A parsed and validated spec, or every error found (then <see cref="Spec"/> is null).</summary>
public sealed record SpecParseResult(SweepSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Spec is not null;
}
