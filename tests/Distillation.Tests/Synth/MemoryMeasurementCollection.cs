using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

/// <summary>Tests that read process-wide memory run alone, after the parallel ones, so other tests cannot skew them.</summary>
[CollectionDefinition(nameof(MemoryMeasurementCollection), DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;
