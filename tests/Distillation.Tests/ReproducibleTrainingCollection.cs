using Xunit;

namespace FaceKdGrid.Distillation.Tests;

/// <summary>
/// Tests that compare training runs bit for bit (or rely on a seeded run's numbers) run alone: weight
/// initialisation draws from torch's process-wide generator, which tests running in parallel also draw from.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReproducibleTrainingCollection
{
    public const string Name = "reproducible training";
}
