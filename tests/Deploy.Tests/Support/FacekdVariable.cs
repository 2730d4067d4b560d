namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>An environment variable a deploy file sets (Value null when it comes from the pod, e.g. its IP), and where.</summary>
public sealed record FacekdVariable(string Name, string? Value, string Origin)
{
    public override string ToString() => $"{Name} ({Origin})";
}
