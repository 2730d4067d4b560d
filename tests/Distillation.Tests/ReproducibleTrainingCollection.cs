using Xunit;

namespace FaceKdGrid.Distillation.Tests;

/// <summary>
/// Tests that compare training runs bit for bit (or rely on a seeded run's numbers) run alone: the bits depend on
/// torch's CPU thread count, which is process-wide and which a test elsewhere sets to another value.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReproducibleTrainingCollection
{
    public const string Name = "reproducible training";
}
