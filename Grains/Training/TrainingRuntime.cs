using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Telemetry;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The silo-local training runtime: N slots per device, each trial on a background task through the
/// <see cref="ITrialExecutor"/>; outcomes go to the sweep's coordinator. While the silo is active it heartbeats each
/// device's worker grain, which tells the registry. A draining device takes no new trials and hands off those it
/// runs: they are cancelled and reported as such, so their coordinators re-queue them to resume from their last
/// checkpoint elsewhere; a drained trial never fails. When every device is drained the silo leaves (its host stops).
/// A silo that stops drains first; one that dies reports nothing, and the coordinators see its workers gone.
/// Each attempt is counted and traced (<see cref="GridTelemetry"/>); while active, its slots feed the slot gauges.
/// </summary>
public sealed partial class TrainingRuntime : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DeviceState> devices;
    private readonly IGrainFactory grains;
    private readonly ITrialExecutor executor;
    private readonly GridCallResilience calls;
    private readonly IHostApplicationLifetime lifetime;
    private readonly GridTimingOptions timing;
    private readonly ILocalSiloDetails silo;
    private readonly ILogger<TrainingRuntime> logger;
    private readonly CancellationTokenSource stopping = new();
    private Task heartbeats = Task.CompletedTask;
    private bool started;

    public TrainingRuntime(
        IOptions<TrainingOptions> options,
        IOptions<GridTimingOptions> timing,
        ILocalSiloDetails silo,
        IGrainFactory grains,
        ITrialExecutor executor,
        GridCallResilience calls,
        IHostApplicationLifetime lifetime,
        ILogger<TrainingRuntime> logger)
    {
        devices = options.Value.EffectiveDevices.ToDictionary(device => device.Name, device => new DeviceState(device.Slots));
        foreach (var (name, device) in devices)
        {
            if (device.Slots < 1 || name.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Training:Devices: device '{name}' needs a name without '/' and at least 1 slot (got {device.Slots})", nameof(options));
            }
        }
        this.timing = timing.Value;
        this.silo = silo;
        this.grains = grains;
        this.executor = executor;
        this.calls = calls;
        this.lifetime = lifetime;
        this.logger = logger;
    }

    public string SiloName => silo.Name;

    /// <summary>Distinguishes this process from an earlier one of the same silo name.</summary>
    public string Incarnation => silo.SiloAddress.ToParsableString();

    public IReadOnlyCollection<string> DeviceNames => devices.Keys;

    /// <summary>Why this silo takes no trials now (starting, draining, stopping), or null when it takes them.</summary>
    public string? NotReadyReason
    {
        get
        {
            lock (gate)
            {
                return !started ? "the silo is starting"
                    : stopping.IsCancellationRequested ? "the silo is stopping"
                    : devices.Values.All(device => device.Draining) ? "the silo drains"
                    : null;
            }
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TrainingRuntime), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Starts the trial in a free slot of the device; false when none is free, the device drains or is unknown.</summary>
    public bool TryStart(string device, TrialAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        lock (gate)
        {
            if (stopping.IsCancellationRequested || !devices.TryGetValue(device, out var state) || state.Draining)
            {
                return false;
            }
            if (state.Running.ContainsKey(assignment.TrialKey))
            {
                // The same attempt dispatched twice (a coordinator retrying its call) runs once.
                return state.Running[assignment.TrialKey].Assignment.Attempt == assignment.Attempt;
            }
            if (state.Running.Count >= state.Slots)
            {
                return false;
            }
            var trial = new RunningTrial(assignment, CancellationTokenSource.CreateLinkedTokenSource(stopping.Token));
            state.Running[assignment.TrialKey] = trial;
            LogStarting(logger, assignment.TrialKey, assignment.Attempt, WorkerKeys.Of(SiloName, device), assignment.ResumeEpoch);
            _ = Task.Run(() => RunAsync(device, trial));
            return true;
        }
    }

    public void Cancel(string trialKey)
    {
        lock (gate)
        {
            foreach (var state in devices.Values)
            {
                if (state.Running.TryGetValue(trialKey, out var trial))
                {
                    trial.Cancellation.Cancel();
                }
            }
        }
    }

    /// <summary>
    /// The device takes no new trials and hands off those it runs (in the background); once every device of the
    /// silo is drained, the silo leaves the cluster.
    /// </summary>
    public void Drain(string device)
    {
        lock (gate)
        {
            if (!devices.TryGetValue(device, out var state) || state.Draining)
            {
                return;
            }
            state.Draining = true;
        }
        _ = Task.Run(async () =>
        {
            await HandOffAsync([device], CancellationToken.None);
            // Trials that did not hand off within the drain timeout are lost with the silo and re-queued by their coordinators.
            if (AllDraining())
            {
                LogLeaving(logger, SiloName);
                lifetime.StopApplication();
            }
        });
    }

    /// <summary>Drains every device of the silo and waits (up to the drain timeout) until their trials are handed off.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        string[] draining;
        lock (gate)
        {
            draining = devices.Where(pair => !pair.Value.Draining).Select(pair => pair.Key).ToArray();
            foreach (var name in draining)
            {
                devices[name].Draining = true;
            }
        }
        await HandOffAsync(draining, cancellationToken);
    }

    /// <summary>The heartbeat of one device's worker: capacity and what runs now.</summary>
    public WorkerHeartbeat Describe(string device)
    {
        lock (gate)
        {
            var state = devices.GetValueOrDefault(device);
            return new WorkerHeartbeat
            {
                WorkerId = WorkerKeys.Of(SiloName, device),
                Silo = SiloName,
                Device = device,
                Slots = state?.Slots ?? 0,
                Running = state?.Running.Keys.ToArray() ?? [],
                Reporting = state?.Reporting.ToArray() ?? [],
                Draining = state?.Draining ?? true,
                Incarnation = Incarnation,
            };
        }
    }

    // The source is cancelled, not disposed: background trials may still read its token while the silo dies.
    public void Dispose()
    {
        GridTelemetry.StopObserving(this);
        stopping.Cancel();
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            started = true;
        }
        GridTelemetry.Observe(this);
        heartbeats = Task.Run(HeartbeatLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        // A silo that stops in order (SIGTERM, scale-down) hands its trials off while it can still reach the grid.
        await DrainAsync(cancellationToken);
        LogCallCounters(logger, calls.Counters.ToString());
        Task[] running;
        lock (gate)
        {
            stopping.Cancel();
            running = devices.Values.SelectMany(state => state.Running.Values).Select(trial => trial.Completion.Task).ToArray();
        }
        await Task.WhenAll(running.Append(heartbeats)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(timing.HeartbeatInterval);
        do
        {
            foreach (var device in devices.Keys)
            {
                await HeartbeatAsync(device, stopping.Token);
            }
        }
        while (await WaitForNextTickAsync(timer));
    }

    private Task<bool> HeartbeatAsync(string device, CancellationToken cancellationToken)
    {
        var worker = WorkerKeys.Of(SiloName, device);
        return calls.TryOnceAsync(() => grains.GetGrain<IGpuWorkerGrain>(worker).HeartbeatAsync(), $"heartbeat of {worker}", cancellationToken);
    }

    /// <summary>
    /// Tells the registry the devices drain (so their trials are not dispatched back to them), then cancels their
    /// trials as hand-offs and waits until each has reported, at most the drain timeout.
    /// </summary>
    private async Task HandOffAsync(IReadOnlyCollection<string> draining, CancellationToken cancellationToken)
    {
        foreach (var device in draining)
        {
            await HeartbeatAsync(device, cancellationToken);
        }
        Task[] handedOff;
        lock (gate)
        {
            var trials = draining.SelectMany(device => devices[device].Running.Values).ToArray();
            foreach (var trial in trials)
            {
                LogHandingOff(logger, trial.Assignment.TrialKey, trial.Assignment.Attempt);
                trial.HandedOff = true;
                trial.Cancellation.Cancel();
            }
            handedOff = trials.Select(trial => trial.Completion.Task).ToArray();
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timing.DrainTimeout);
        await Task.WhenAll(handedOff).WaitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private bool AllDraining()
    {
        lock (gate)
        {
            return devices.Values.All(device => device.Draining);
        }
    }

    private async Task<bool> WaitForNextTickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunAsync(string device, RunningTrial trial)
    {
        var assignment = trial.Assignment;
        using var activity = GridTelemetry.StartTrial(assignment, device);
        var coordinator = grains.GetGrain<ISweepReportingGrain>(assignment.SweepId);
        var token = trial.Cancellation.Token;
        (Func<Task> Call, string What)? report = null;
        try
        {
            try
            {
                var sink = new GridProgressSink(grains, assignment, device, calls, stopping.Token);
                var outcome = await executor.ExecuteAsync(assignment, sink, token);
                LogFinished(logger, assignment.TrialKey, assignment.Attempt);
                GridTelemetry.EndTrial(activity, device, GridTelemetry.Completed);
                report = (() => coordinator.ReportFinishedAsync(assignment.TrialId, assignment.Attempt, outcome), "outcome");
            }
            // A hand-off may interrupt the engine in any operation: whatever that throws, the trial did not fail.
            catch (Exception error) when (token.IsCancellationRequested && (error is OperationCanceledException || trial.HandedOff))
            {
                GridTelemetry.EndTrial(activity, device, trial.HandedOff ? GridTelemetry.HandedOff : GridTelemetry.Cancelled);
                if (trial.HandedOff || !stopping.IsCancellationRequested)
                {
                    report = (() => coordinator.ReportCancelledAsync(assignment.TrialId, assignment.Attempt), trial.HandedOff ? "hand-off" : "cancellation");
                }
            }
            catch (Exception error)
            {
                LogFailed(logger, assignment.TrialKey, assignment.Attempt, error);
                var reason = error is InvalidOperationException or ArgumentException ? error.Message : $"{error.GetType().Name}: {error.Message}";
                GridTelemetry.EndTrial(activity, device, GridTelemetry.Failed, reason);
                report = (() => coordinator.ReportFailedAsync(assignment.TrialId, assignment.Attempt, reason), "failure");
            }
            finally
            {
                lock (gate)
                {
                    devices[device].Running.Remove(assignment.TrialKey);
                    devices[device].Reporting.Add(assignment.TrialKey);
                }
                trial.Cancellation.Dispose();
            }
            // The slot is free before the coordinator hears the outcome, so the trial it starts next can have it at once.
            if (!stopping.IsCancellationRequested)
            {
                await Report(() => grains.GetGrain<IWorkerRegistryGrain>(0).ReleaseSlotAsync(WorkerKeys.Of(SiloName, device), assignment.TrialKey), "slot release");
            }
            if (report is { } outcomeReport)
            {
                await Report(outcomeReport.Call, outcomeReport.What);
            }
        }
        finally
        {
            lock (gate)
            {
                devices[device].Reporting.Remove(assignment.TrialKey);
            }
            trial.Completion.TrySetResult();
        }

        Task Report(Func<Task> call, string what) =>
            calls.TryAsync(call, $"{what} of {assignment.TrialKey} attempt {assignment.Attempt}", stopping.Token);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Starting {TrialKey} attempt {Attempt} on {Worker} after epoch {ResumeEpoch}")]
    private static partial void LogStarting(ILogger logger, string trialKey, int attempt, string worker, int resumeEpoch);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Finished {TrialKey} attempt {Attempt}")]
    private static partial void LogFinished(ILogger logger, string trialKey, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{TrialKey} attempt {Attempt} failed")]
    private static partial void LogFailed(ILogger logger, string trialKey, int attempt, Exception error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Handing off {TrialKey} attempt {Attempt}: its worker drains")]
    private static partial void LogHandingOff(ILogger logger, string trialKey, int attempt);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Silo {Silo} is drained and leaves the cluster")]
    private static partial void LogLeaving(ILogger logger, string silo);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Grid calls of this silo's training runtime: {Counters}")]
    private static partial void LogCallCounters(ILogger logger, string counters);

    private sealed class DeviceState(int slots)
    {
        public int Slots { get; } = slots;

        public bool Draining { get; set; }

        public Dictionary<string, RunningTrial> Running { get; } = [];

        /// <summary>Finished trials whose outcome is still being reported (their slots are free already).</summary>
        public HashSet<string> Reporting { get; } = [];
    }

    private sealed class RunningTrial(TrialAssignment assignment, CancellationTokenSource cancellation)
    {
        public TrialAssignment Assignment { get; } = assignment;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        /// <summary>Cancelled by a drain, to resume elsewhere: reported as cancelled even while the silo stops.</summary>
        public bool HandedOff { get; set; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
