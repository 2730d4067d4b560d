namespace FaceKdGrid.Grains.Workers;

/// <summary>A slot the registry granted: on which worker, and which incarnation of it.</summary>
[GenerateSerializer, Immutable, Alias("fkd.WorkerLease")]
public sealed record WorkerLease
{
    [Id(0)] public string WorkerId { get; init; } = "";

    [Id(1)] public string Incarnation { get; init; } = "";
}
