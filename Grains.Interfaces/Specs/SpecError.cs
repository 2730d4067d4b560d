namespace FaceKdGrid.Grains.Specs;

/// <summary>One thing wrong with a sweep spec: the field path (e.g. <c>search_space.lr</c>) and the problem.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SpecError")]
public sealed record SpecError
{
    public SpecError(string field, string problem)
    {
        Field = field;
        Problem = problem;
    }

    [Id(0)] public string Field { get; init; }

    [Id(1)] public string Problem { get; init; }

    public override string ToString() => $"{Field}: {Problem}";
}
