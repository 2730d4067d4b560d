using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.Grains.Telemetry;

/// <summary>
/// The grid's metrics and traces, in System.Diagnostics terms so that any listener can take them (an OpenTelemetry
/// exporter in the silo, a MeterListener in tests); without one, recording costs next to nothing. The meter and the
/// activity source are both named <see cref="Name"/>: trial attempts started and ended (by outcome), epochs and their
/// duration, the teacher passes and teacher-cache hits of completed attempts, busy and total slots per device, and one
/// activity per trial attempt.
/// </summary>
public static class GridTelemetry
{
    public const string Name = "FaceKdGrid.Grid";

    public const string DeviceTag = "device";
    public const string SiloTag = "silo";
    public const string OutcomeTag = "outcome";
    public const string SweepTag = "sweep";
    public const string TrialTag = "trial";
    public const string AttemptTag = "attempt";
    public const string ResumeEpochTag = "resume_epoch";

    /// <summary>On a completed attempt's activity: what the engine did, where <see cref="ResumeEpochTag"/> is what it was asked.</summary>
    public const string ResumedFromEpochTag = "resumed_from_epoch";
    public const string TeacherForwardPassesTag = "teacher_forward_passes";
    public const string TeacherCacheHitsTag = "teacher_cache_hits";

    /// <summary>Outcomes of a trial attempt (<see cref="OutcomeTag"/>).</summary>
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string HandedOff = "handed_off";

    /// <summary>Every meter an exporter should listen to: the grid's and the resilience pipelines'.</summary>
    // Initialised before the instruments: a listener told of an instrument while this type initialises may read it.
    public static IReadOnlyList<string> MeterNames { get; } = [Name, ResilienceCounters.MeterName];

    private static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> TrialsStarted = Meter.CreateCounter<long>(
        "facekd.trials.started", "{attempt}", "Trial attempts started on this silo");
    private static readonly Counter<long> TrialsEnded = Meter.CreateCounter<long>(
        "facekd.trials.ended", "{attempt}", "Trial attempts ended on this silo, by outcome");
    private static readonly Counter<long> Epochs = Meter.CreateCounter<long>(
        "facekd.epochs", "{epoch}", "Epochs trained on this silo");
    private static readonly Histogram<double> EpochDuration = Meter.CreateHistogram<double>(
        "facekd.epoch.duration", "s", "Wall time of one epoch, training and evaluation together");
    private static readonly Counter<long> TeacherForwardPasses = Meter.CreateCounter<long>(
        "facekd.teacher.forward_passes", "{batch}", "Teacher forward passes run by trial attempts that completed on this silo");
    private static readonly Counter<long> TeacherCacheHits = Meter.CreateCounter<long>(
        "facekd.teacher.cache_hits", "{entry}", "Teacher-output cache entries read instead of computed by trial attempts that completed on this silo");

    private static readonly Lock ObservedGate = new();
    private static readonly List<SlotTable> Observed = [];

    static GridTelemetry()
    {
        Meter.CreateObservableGauge("facekd.slots.busy", () => ObserveSlots(heartbeat => heartbeat.Running.Count), "{slot}",
            "Trial slots running a trial now");
        Meter.CreateObservableGauge("facekd.slots.total", () => ObserveSlots(heartbeat => heartbeat.Slots), "{slot}",
            "Trial slots of the device");
    }

    /// <summary>Reports the table's slots in the slot gauges until <see cref="StopObserving"/>.</summary>
    internal static void Observe(SlotTable slots)
    {
        lock (ObservedGate)
        {
            Observed.Add(slots);
        }
    }

    internal static void StopObserving(SlotTable slots)
    {
        lock (ObservedGate)
        {
            Observed.Remove(slots);
        }
    }

    /// <summary>Counts the attempt as started and opens its activity (null while nothing listens); the caller disposes it.</summary>
    internal static Activity? StartTrial(TrialAssignment assignment, string device)
    {
        // Started before the count, so that a listener sees the count made inside the attempt's activity.
        var activity = Source.StartActivity($"trial {assignment.SweepId}/{assignment.TrialId}")
            ?.SetTag(SweepTag, assignment.SweepId)
            .SetTag(TrialTag, assignment.TrialId)
            .SetTag(AttemptTag, assignment.Attempt)
            .SetTag(DeviceTag, device)
            .SetTag(ResumeEpochTag, assignment.ResumeEpoch);
        TrialsStarted.Add(1, new KeyValuePair<string, object?>(DeviceTag, device));
        return activity;
    }

    /// <summary>Counts the attempt as ended with <paramref name="outcome"/>; a failure's <paramref name="error"/> marks the activity failed.</summary>
    internal static void EndTrial(Activity? activity, string device, string outcome, string? error = null)
    {
        TrialsEnded.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome), new KeyValuePair<string, object?>(DeviceTag, device));
        activity?.SetTag(OutcomeTag, outcome);
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }
        else if (outcome == Completed)
        {
            activity?.SetStatus(ActivityStatusCode.Ok);
        }
    }

    /// <summary>
    /// Ends a completed attempt: tags its activity with the epoch the engine resumed after and its teacher passes and
    /// cache hits, and counts those passes and hits.
    /// </summary>
    internal static void CompleteTrial(Activity? activity, string device, TrialOutcome outcome)
    {
        var tag = new KeyValuePair<string, object?>(DeviceTag, device);
        TeacherForwardPasses.Add(outcome.TeacherForwardPasses, tag);
        TeacherCacheHits.Add(outcome.TeacherCacheHits, tag);
        activity?.SetTag(ResumedFromEpochTag, outcome.ResumedFromEpoch)
            .SetTag(TeacherForwardPassesTag, outcome.TeacherForwardPasses)
            .SetTag(TeacherCacheHitsTag, outcome.TeacherCacheHits);
        EndTrial(activity, device, Completed);
    }

    internal static void RecordEpoch(string device, double seconds)
    {
        var tag = new KeyValuePair<string, object?>(DeviceTag, device);
        Epochs.Add(1, tag);
        EpochDuration.Record(seconds, tag);
    }

    private static IEnumerable<Measurement<int>> ObserveSlots(Func<WorkerHeartbeat, int> count)
    {
        SlotTable[] tables;
        lock (ObservedGate)
        {
            tables = [.. Observed];
        }
        // Tagged with the silo too: one process may host several silos (tests, the client's embedded silo).
        return tables
            .SelectMany(slots => slots.Devices.Select(slots.Describe))
            .Select(heartbeat => new Measurement<int>(count(heartbeat),
                new KeyValuePair<string, object?>(DeviceTag, heartbeat.Device),
                new KeyValuePair<string, object?>(SiloTag, heartbeat.Silo)))
            .ToList();
    }
}
