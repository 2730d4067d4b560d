using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Grains.Telemetry;

namespace FaceKdGrid.Grid.Tests.Telemetry;

/// <summary>
/// Listens to the grid's meters and activity source while it lives. Each measurement is attributed to the trial activity
/// it was made in (as an exporter's exemplars are), so a test can keep its own sweep's apart from those of tests that
/// run before, after or beside it in the same process.
/// </summary>
public sealed class GridTelemetryRecorder : IDisposable
{
    private readonly ActivityListener activityListener;
    private readonly MeterListener meterListener;
    private readonly ConcurrentQueue<RecordedMeasurement> measurements = new();
    private readonly ConcurrentQueue<Activity> stoppedTrials = new();

    public GridTelemetryRecorder()
    {
        activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GridTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stoppedTrials.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // Constants only: this runs while any instrument's type initialises, GridTelemetry's included.
                if (instrument.Meter.Name is GridTelemetry.Name or ResilienceCounters.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.Start();
    }

    /// <summary>Measurements of <paramref name="instrument"/> made inside a trial activity of <paramref name="sweep"/>.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, string sweep) =>
        measurements.Where(measurement => measurement.Instrument == instrument && measurement.Sweep == sweep).ToList();

    /// <summary>Measurements of <paramref name="instrument"/> wherever they were made.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument) =>
        measurements.Where(measurement => measurement.Instrument == instrument).ToList();

    /// <summary>The trial activities of <paramref name="sweep"/> that have ended.</summary>
    public IReadOnlyList<Activity> TrialsOf(string sweep) =>
        stoppedTrials.Where(activity => SweepOf(activity) == sweep).ToList();

    /// <summary>Asks the observable instruments (the slot gauges) for their values now.</summary>
    public void Observe() => meterListener.RecordObservableInstruments();

    public void Dispose()
    {
        meterListener.Dispose();
        activityListener.Dispose();
    }

    private static string? SweepOf(Activity? activity) => activity?.GetTagItem(GridTelemetry.SweepTag) as string;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var trial = Activity.Current is { Source.Name: GridTelemetry.Name } current ? current : null;
        measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(), SweepOf(trial),
            trial?.GetTagItem(GridTelemetry.TrialTag) as string));
    }
}
