using FaceKdGrid.Distillation.Resilience;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Telemetry;

public sealed class ResilienceMetricsTests
{
    [Fact]
    public void EveryCountIsAlsoAMeasurementTaggedWithItsPipeline()
    {
        using var recorder = new GridTelemetryRecorder();
        var counters = new ResilienceCounters($"test pipeline {Guid.NewGuid():N}");

        counters.AddRetry();
        counters.AddRetry();
        counters.AddTimeout();
        counters.AddCircuitBreak();
        counters.AddGivenUp();

        Assert.Equal(2, Total("facekd.resilience.retries"));
        Assert.Equal(1, Total("facekd.resilience.timeouts"));
        Assert.Equal(1, Total("facekd.resilience.circuit_breaks"));
        Assert.Equal(1, Total("facekd.resilience.given_up"));
        Assert.Equal("retries 2, circuit breaks 1, timeouts 1, given up 1", counters.ToString());

        double Total(string instrument) => recorder.Of(instrument)
            .Where(measurement => measurement.Tag(ResilienceCounters.PipelineTag) == counters.Pipeline)
            .Sum(measurement => measurement.Value);
    }

    [Fact]
    public void APipelineNeedsANameForItsTag()
    {
        var error = Assert.Throws<ArgumentException>(() => new ResilienceCounters(" "));

        Assert.Equal("pipeline", error.ParamName);
    }
}
