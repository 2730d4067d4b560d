using FaceKdGrid.Grains.Telemetry;
using FaceKdGrid.Grains.Trials;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The silo-local training runtime's life: trials start in the <see cref="SlotTable"/>'s slots and run through the
/// <see cref="TrialRunner"/>; while the silo is active the <see cref="HeartbeatSender"/> tells the registry each
/// device's slots. A draining device takes no new trials and hands off those it runs: they are cancelled and reported
/// as such, so their coordinators re-queue them to resume from their last checkpoint elsewhere; a drained trial never
/// fails. When every device is drained the silo leaves (its host stops). A silo that stops drains first; one that dies
/// reports nothing, and the coordinators see its workers gone. While active, its slots feed the slot gauges
/// (<see cref="GridTelemetry"/>).
/// </summary>
public sealed partial class TrainingRuntime(
    SlotTable slots,
    HeartbeatSender heartbeat,
    TrialRunner runner,
    GridCallResilience calls,
    IHostApplicationLifetime lifetime,
    IOptions<GridTimingOptions> timing,
    ILogger<TrainingRuntime> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task heartbeats = Task.CompletedTask;
    private volatile bool started;

    /// <summary>Why this silo takes no trials now (starting, draining, stopping), or null when it takes them.</summary>
    public string? NotReadyReason =>
        !started ? "the silo is starting"
        : stopping.IsCancellationRequested ? "the silo is stopping"
        : slots.AllDraining ? "the silo drains"
        : null;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TrainingRuntime), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Starts the trial in a free slot of the device; false when none is free, the device drains or is unknown.</summary>
    public bool TryStart(string device, TrialAssignment assignment)
    {
        if (!slots.TryReserve(device, assignment, stopping.Token, out var trial))
        {
            return false;
        }
        if (trial is not null)
        {
            runner.Start(device, trial, stopping.Token);
        }
        return true;
    }

    /// <summary>
    /// The device takes no new trials and hands off those it runs (in the background); once every device of the
    /// silo is drained, the silo leaves the cluster.
    /// </summary>
    public void Drain(string device)
    {
        if (!slots.TryDrain(device))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            await HandOffAsync([device], CancellationToken.None);
            // Trials that did not hand off within the drain timeout are lost with the silo and re-queued by their coordinators.
            if (slots.AllDraining)
            {
                LogLeaving(logger, slots.Silo);
                lifetime.StopApplication();
            }
        });
    }

    /// <summary>Drains every device of the silo and waits (up to the drain timeout) until their trials are handed off.</summary>
    public Task DrainAsync(CancellationToken cancellationToken) => HandOffAsync(slots.DrainAll(), cancellationToken);

    // The source is cancelled, not disposed: background trials may still read its token while the silo dies.
    public void Dispose()
    {
        GridTelemetry.StopObserving(slots);
        stopping.Cancel();
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        started = true;
        GridTelemetry.Observe(slots);
        heartbeats = Task.Run(() => heartbeat.RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        // A silo that stops in order (SIGTERM, scale-down) hands its trials off while it can still reach the grid.
        await DrainAsync(cancellationToken);
        LogCallCounters(logger, calls.Counters.ToString());
        // Cancelled first: the table then reserves nothing more, so the trials listed next are all there are.
        stopping.Cancel();
        var running = slots.Running().Select(trial => trial.Completion);
        await Task.WhenAll(running.Append(heartbeats)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Tells the registry the devices drain (so their trials are not dispatched back to them), then cancels their
    /// trials as hand-offs and waits until each has reported, at most the drain timeout.
    /// </summary>
    private async Task HandOffAsync(IReadOnlyCollection<string> draining, CancellationToken cancellationToken)
    {
        foreach (var device in draining)
        {
            await heartbeat.TrySendAsync(device, cancellationToken);
        }
        var handedOff = slots.HandOff(draining);
        foreach (var trial in handedOff)
        {
            LogHandingOff(logger, trial.Assignment.TrialKey, trial.Assignment.Attempt);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timing.Value.DrainTimeout);
        await Task.WhenAll(handedOff.Select(trial => trial.Completion)).WaitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Handing off {TrialKey} attempt {Attempt}: its worker drains")]
    private static partial void LogHandingOff(ILogger logger, string trialKey, int attempt);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Silo {Silo} is drained and leaves the cluster")]
    private static partial void LogLeaving(ILogger logger, string silo);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Grid calls of this silo's training runtime: {Counters}")]
    private static partial void LogCallCounters(ILogger logger, string counters);
}
