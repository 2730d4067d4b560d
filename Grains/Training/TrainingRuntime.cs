using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The silo-local training runtime: N slots per device, each trial on a background task through the
/// <see cref="ITrialExecutor"/>; outcomes go to the sweep's coordinator. While the silo is active it heartbeats each
/// device's worker grain, which tells the registry. When the silo stops, running trials are cancelled without a
/// report: the coordinators see the worker gone and re-queue them.
/// </summary>
public sealed partial class TrainingRuntime : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DeviceState> devices;
    private readonly IGrainFactory grains;
    private readonly ITrialExecutor executor;
    private readonly GridTimingOptions timing;
    private readonly ILocalSiloDetails silo;
    private readonly ILogger<TrainingRuntime> logger;
    private readonly CancellationTokenSource stopping = new();
    private Task heartbeats = Task.CompletedTask;

    public TrainingRuntime(
        IOptions<TrainingOptions> options,
        IOptions<GridTimingOptions> timing,
        ILocalSiloDetails silo,
        IGrainFactory grains,
        ITrialExecutor executor,
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
        this.logger = logger;
    }

    public string SiloName => silo.Name;

    /// <summary>Distinguishes this process from an earlier one of the same silo name.</summary>
    public string Incarnation => silo.SiloAddress.ToParsableString();

    public IReadOnlyCollection<string> DeviceNames => devices.Keys;

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
            LogStarting(logger, assignment.TrialKey, assignment.Attempt, WorkerKeys.Of(SiloName, device));
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

    public void Drain(string device)
    {
        lock (gate)
        {
            if (devices.TryGetValue(device, out var state))
            {
                state.Draining = true;
            }
        }
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
                Draining = state?.Draining ?? true,
                Incarnation = Incarnation,
            };
        }
    }

    // The source is cancelled, not disposed: background trials may still read its token while the silo dies.
    public void Dispose() => stopping.Cancel();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        heartbeats = Task.Run(HeartbeatLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
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
                try
                {
                    await grains.GetGrain<IGpuWorkerGrain>(WorkerKeys.Of(SiloName, device)).HeartbeatAsync();
                }
                catch (Exception error) when (!stopping.IsCancellationRequested)
                {
                    LogHeartbeatFailed(logger, device, error.Message);
                }
            }
        }
        while (await WaitForNextTickAsync(timer));
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
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(assignment.SweepId);
        var token = trial.Cancellation.Token;
        try
        {
            var sink = new GridProgressSink(grains, assignment, logger, stopping.Token);
            var outcome = await executor.ExecuteAsync(assignment, sink, token);
            LogFinished(logger, assignment.TrialKey, assignment.Attempt);
            await Report(() => coordinator.ReportFinishedAsync(assignment.TrialId, assignment.Attempt, outcome), "outcome");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (!stopping.IsCancellationRequested)
            {
                await Report(() => coordinator.ReportCancelledAsync(assignment.TrialId, assignment.Attempt), "cancellation");
            }
        }
        catch (Exception error)
        {
            LogFailed(logger, assignment.TrialKey, assignment.Attempt, error);
            var reason = error is InvalidOperationException or ArgumentException ? error.Message : $"{error.GetType().Name}: {error.Message}";
            await Report(() => coordinator.ReportFailedAsync(assignment.TrialId, assignment.Attempt, reason), "failure");
        }
        finally
        {
            lock (gate)
            {
                devices[device].Running.Remove(assignment.TrialKey);
            }
            trial.Cancellation.Dispose();
            trial.Completion.TrySetResult();
        }
        if (!stopping.IsCancellationRequested)
        {
            await Report(() => grains.GetGrain<IWorkerRegistryGrain>(0).ReleaseSlotAsync(WorkerKeys.Of(SiloName, device), assignment.TrialKey), "slot release");
        }

        Task Report(Func<Task> call, string what) =>
            GridCallRetry.RunAsync(call, $"{what} of {assignment.TrialKey} attempt {assignment.Attempt}", logger, stopping.Token);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Starting {TrialKey} attempt {Attempt} on {Worker}")]
    private static partial void LogStarting(ILogger logger, string trialKey, int attempt, string worker);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Finished {TrialKey} attempt {Attempt}")]
    private static partial void LogFinished(ILogger logger, string trialKey, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{TrialKey} attempt {Attempt} failed")]
    private static partial void LogFailed(ILogger logger, string trialKey, int attempt, Exception error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Heartbeat of device {Device} failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string device, string reason);

    private sealed class DeviceState(int slots)
    {
        public int Slots { get; } = slots;

        public bool Draining { get; set; }

        public Dictionary<string, RunningTrial> Running { get; } = [];
    }

    private sealed class RunningTrial(TrialAssignment assignment, CancellationTokenSource cancellation)
    {
        public TrialAssignment Assignment { get; } = assignment;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
