using System.Runtime.CompilerServices;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Hosting;
using FaceKdGrid.Grains.Results;
using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// Runs one sweep. Each dispatch and each outcome of a trial is written first to the trial's experiment grain (a small
/// write), and the sweep's own state, which holds every trial, is saved at most once per tick and at the sweep's
/// turning points (submit, ASHA decisions, cancel, finish): a write that grows with the sweep is not paid per trial.
/// A coordinator re-activated on another silo (by a reminder, a report or a client call) catches up from the
/// experiment grains and resumes where it was. A timer drives scheduling and the check for lost workers.
/// </summary>
public sealed partial class SweepCoordinatorGrain : Grain, ISweepCoordinatorGrain, ISweepReportingGrain, IRemindable
{
    private const string ReminderName = "sweep-pump";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<SweepState> state;
    private readonly GridTimingOptions timing;
    private readonly TimeProvider clock;
    private readonly ILogger<SweepCoordinatorGrain> logger;
    private readonly SweepEventFeed feed = new();
    private readonly LostTrialDetector lostTrials;
    private IGrainTimer? ticker;
    private bool unsaved;
    private readonly SweepDataProvider data;
    private AshaScheduler? asha;

    public SweepCoordinatorGrain(
        IGrainContext context,
        GridStateFactory states,
        IOptions<GridTimingOptions> timing,
        TimeProvider clock,
        SweepDataProvider data,
        ILogger<SweepCoordinatorGrain> logger)
    {
        this.data = data;
        state = states.Create<SweepState>(context, "sweep");
        this.timing = timing.Value;
        lostTrials = new LostTrialDetector(this.timing);
        this.clock = clock;
        this.logger = logger;
    }

    private SweepState Sweep => state.State;

    private SweepSpec Spec => Sweep.Spec ?? throw new InvalidOperationException($"sweep '{SweepId}' was never submitted");

    private string SweepId => this.GetPrimaryKeyString();

    private IWorkerRegistryGrain Registry => GrainFactory.GetGrain<IWorkerRegistryGrain>(0);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Sweep.Status == SweepStatus.Running)
        {
            await CatchUpWithExperimentsAsync();
            LogResumed(logger, SweepId, Sweep.RunningCount);
            StartTicking();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (unsaved)
        {
            await SaveAsync();
        }
    }

    public async Task<SubmitResult> SubmitAsync(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = SweepSpecValidator.Validate(spec).ToList();
        if (spec.Name != SweepId && errors.All(error => error.Field != "name"))
        {
            errors.Add(new SpecError("name", $"'{spec.Name}' does not match the sweep id '{SweepId}'"));
        }
        if (errors.Count == 0)
        {
            var (pool, poolError) = await PoolFacts.OfAsync(spec.Data, data, CancellationToken.None);
            errors.AddRange(poolError is null ? EngineSpecCheck.Validate(spec, pool) : [poolError]);
        }
        if (errors.Count > 0)
        {
            return new SubmitResult { Outcome = SubmitOutcome.Rejected, Errors = errors };
        }
        var fingerprint = SpecFingerprint.Of(spec);
        if (Sweep.Spec is not null)
        {
            return Sweep.Fingerprint == fingerprint
                ? new SubmitResult { Outcome = SubmitOutcome.AlreadySubmitted, TrialCount = Sweep.Trials.Count }
                : new SubmitResult
                {
                    Outcome = SubmitOutcome.Conflict,
                    Errors = [new SpecError("name", $"sweep '{SweepId}' already exists with a different spec; submit this one under a new name")],
                };
        }

        var definitions = TrialExpansion.Expand(spec);
        await Task.WhenAll(definitions.Select(definition => Experiment(definition.TrialId).DefineAsync(definition)));
        Sweep.Spec = spec;
        Sweep.Fingerprint = fingerprint;
        Sweep.Status = SweepStatus.Running;
        Sweep.SubmittedAt = clock.GetUtcNow();
        Sweep.Trials = definitions.Select(definition => new TrialState
        {
            Definition = definition,
            TotalEpochs = definition.Parameters?.Epochs ?? spec.Teacher!.Epochs,
        }).ToList();
        await SaveAsync();
        await GrainFactory.GetGrain<ISweepCatalogGrain>(0).AddAsync(SweepId);
        LogSubmitted(logger, SweepId, definitions.Count);
        await KeepRunningAsync();
        await PumpAsync();
        return new SubmitResult { Outcome = SubmitOutcome.Created, TrialCount = definitions.Count };
    }

    public Task<SweepSnapshot> GetStatusAsync() => Task.FromResult(new SweepSnapshot
    {
        SweepId = SweepId,
        Status = Sweep.Spec is null ? SweepStatus.Unknown : Sweep.Status,
        Spec = Sweep.Spec,
        Trials = Sweep.Trials.Select(trial => trial.ToResult()).ToArray(),
        SubmittedAt = Sweep.SubmittedAt,
        FinishedAt = Sweep.FinishedAt,
    });

    public Task<SweepResults> GetResultsAsync()
    {
        if (Sweep.Spec is null)
        {
            return Task.FromResult(new SweepResults { SweepId = SweepId, Status = SweepStatus.Unknown });
        }
        var students = Sweep.Trials.Where(trial => trial.Definition.Kind == TrialKind.Student).Select(trial => trial.ToResult()).ToArray();
        var groups = SweepAggregation.Groups(students, Spec.Metric);
        return Task.FromResult(new SweepResults
        {
            SweepId = SweepId,
            Status = Sweep.Status,
            Metric = Spec.Metric,
            Mode = Spec.Mode,
            Teacher = Sweep.DescribeTeacher(),
            Trials = students,
            TeacherTrial = Sweep.TeacherTrial?.ToResult(),
            Groups = groups,
            BestPerRatio = SweepAggregation.BestPerRatio(groups, Spec.Metric, Spec.Mode),
            Pareto = SweepAggregation.ParetoFront(groups, Spec.Metric, Spec.Mode),
        });
    }

    public async Task CancelAsync()
    {
        if (Sweep.Spec is null || Sweep.Status != SweepStatus.Running)
        {
            return;
        }
        Sweep.Status = SweepStatus.Cancelled;
        Sweep.FinishedAt = clock.GetUtcNow();
        foreach (var trial in Sweep.Trials.Where(trial => !trial.Status.IsFinal()))
        {
            if (trial.Status == TrialStatus.Running && trial.Worker is { } worker)
            {
                try
                {
                    await GrainFactory.GetGrain<IGpuWorkerGrain>(worker).CancelTrialAsync(TrialKeys.Of(SweepId, trial.TrialId));
                }
                catch (Exception error)
                {
                    // A worker that cannot be reached runs nothing any more: its trials are cancelled regardless.
                    LogWorkerUnreachable(logger, worker, error.Message);
                }
            }
            trial.Status = TrialStatus.Cancelled;
            await Experiment(trial.TrialId).MarkFinishedAsync(TrialStatus.Cancelled, trial.Outcome, "the sweep was cancelled");
        }
        await SaveAsync();
        LogCancelled(logger, SweepId);
        await StopRunningAsync();
        Publish(SweepEventKind.SweepFinished, null, "cancelled");
    }

    public async IAsyncEnumerable<SweepEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = feed.NextSequence;
        foreach (var trial in Sweep.Trials.ToArray())
        {
            yield return Event(SweepEventKind.TrialState, trial);
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var sweepEvent in feed.ReadFrom(next))
            {
                next++;
                yield return sweepEvent;
                if (sweepEvent.Kind == SweepEventKind.SweepFinished)
                {
                    yield break;
                }
            }
            // A sweep not yet submitted is waited for, so a watcher can subscribe before submitting.
            if (Sweep.Spec is not null && Sweep.Status != SweepStatus.Running && next >= feed.NextSequence)
            {
                yield return Event(SweepEventKind.SweepFinished, null);
                yield break;
            }
            await feed.WaitAsync(next, cancellationToken);
        }
    }

    public async Task<EpochDecision> ReportEpochAsync(string trialId, int attempt, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var trial = Sweep.Current(trialId, attempt);
        if (trial is null || Sweep.Status != SweepStatus.Running)
        {
            return EpochDecision.Stop;
        }
        trial.LastEpoch = metrics.Epoch;
        trial.LastMetric = Spec.Metric.ValueIn(metrics);
        var decision = EpochDecision.Continue;
        if (Spec.Scheduler.Kind == SchedulerKind.Asha && trial.Definition.Kind == TrialKind.Student)
        {
            asha ??= new AshaScheduler(Spec.Scheduler, Spec.Mode);
            // A bracket per requested compression ratio: a smaller student is not a worse hyperparameter.
            var bracket = trial.Definition.Parameters!.Text(SearchKeys.CompressionRatio);
            var verdict = asha.OnEpoch(Sweep.Asha, bracket, trialId, metrics.Epoch, trial.LastMetric.Value);
            trial.StoppedAsWeak = verdict == AshaVerdict.StopWeak;
            decision = verdict == AshaVerdict.Continue ? EpochDecision.Continue : EpochDecision.Stop;
            // ASHA's rungs decide later trials' fate: they must survive a move of this grain.
            await SaveAsync();
        }
        // Otherwise only the progress shown changed; the experiment grain keeps the epoch curve durably, and writing the
        // whole sweep's state on every epoch of every trial would cost more than the epochs of short trials.
        Publish(SweepEventKind.EpochReported, trial, decision == EpochDecision.Stop ? "stopping" : null);
        return decision;
    }

    public async Task ReportFinishedAsync(string trialId, int attempt, TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Sweep.Current(trialId, attempt) is not { } trial)
        {
            return;
        }
        trial.Status = trial.StoppedAsWeak ? TrialStatus.Stopped : TrialStatus.Completed;
        trial.Outcome = outcome;
        trial.LastEpoch = outcome.EpochsRun;
        trial.LastMetric = Spec.Metric.SelectionValueIn(outcome);
        trial.Error = null;
        await Experiment(trialId).MarkFinishedAsync(trial.Status, outcome, null);
        unsaved = true;
        Publish(SweepEventKind.TrialFinished, trial);
        await PumpAsync();
    }

    public async Task ReportFailedAsync(string trialId, int attempt, string reason)
    {
        if (Sweep.Current(trialId, attempt) is not { } trial)
        {
            return;
        }
        trial.Failures++;
        trial.Error = reason;
        trial.Worker = null;
        if (trial.Failures <= Spec.MaxFailures)
        {
            var backoff = timing.RetryDelay(trial.Failures);
            trial.Status = TrialStatus.Pending;
            trial.NotBefore = clock.GetUtcNow() + backoff;
            var message = $"attempt {attempt} failed ({reason}); retry {trial.Failures} of {Spec.MaxFailures} in {backoff.TotalSeconds:0.#} s";
            LogRetrying(logger, SweepId, trialId, message);
            await Experiment(trialId).MarkPendingAsync(message, trial.Failures);
            Publish(SweepEventKind.TrialRequeued, trial, message);
        }
        else
        {
            trial.Status = TrialStatus.Failed;
            LogTrialFailed(logger, SweepId, trialId, reason);
            await Experiment(trialId).MarkFinishedAsync(TrialStatus.Failed, null, reason);
            Publish(SweepEventKind.TrialFinished, trial, reason);
        }
        unsaved = true;
        await PumpAsync();
    }

    public async Task ReportCancelledAsync(string trialId, int attempt)
    {
        // The sweep's own cancel finalises its trials first; a trial still current was cancelled by its worker alone.
        if (Sweep.Current(trialId, attempt) is { } trial)
        {
            await RequeueAsync(trial, $"attempt {attempt} was cancelled on its worker");
            await PumpAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Sweep.Status == SweepStatus.Running)
        {
            StartTicking();
            await TickAsync(CancellationToken.None);
        }
        else
        {
            await StopRunningAsync();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (Sweep.Status != SweepStatus.Running)
        {
            return;
        }
        await RequeueLostTrialsAsync();
        await PumpAsync();
        if (unsaved)
        {
            await SaveAsync();
        }
    }

    /// <summary>Starts pending trials on free slots, up to max_concurrent; students only after the teacher.</summary>
    private async Task PumpAsync()
    {
        if (Sweep.Status != SweepStatus.Running)
        {
            return;
        }
        await FailStudentsOfAFailedTeacherAsync();
        var running = Sweep.RunningCount;
        foreach (var trial in Sweep.Startable(clock.GetUtcNow()).ToList())
        {
            if (running >= Spec.MaxConcurrent || !await DispatchAsync(trial))
            {
                break;
            }
            running++;
        }
        await FinishIfDoneAsync();
    }

    private async Task<bool> DispatchAsync(TrialState trial)
    {
        var trialKey = TrialKeys.Of(SweepId, trial.TrialId);
        if (await Registry.AcquireSlotAsync(Spec.Device, trialKey) is not { } lease)
        {
            return false;
        }
        var history = await Experiment(trial.TrialId).GetAsync();
        trial.Attempt++;
        trial.Status = TrialStatus.Running;
        trial.Worker = lease.WorkerId;
        trial.WorkerIncarnation = lease.Incarnation;
        trial.DispatchedAt = clock.GetUtcNow();
        trial.NotBefore = null;
        trial.StoppedAsWeak = false;
        unsaved = true;
        // Written before the worker hears of it: a coordinator that dies in between finds the attempt and checks it.
        await Experiment(trial.TrialId).MarkStartedAsync(trial.Attempt, lease, trial.DispatchedAt.Value);
        var assignment = new TrialAssignment
        {
            SweepId = SweepId,
            TrialId = trial.TrialId,
            Kind = trial.Definition.Kind,
            Attempt = trial.Attempt,
            Parameters = trial.Definition.Parameters,
            Teacher = Spec.Teacher!,
            Data = Spec.Data,
            Evaluation = Spec.Evaluation,
            Device = Spec.Device,
            Metric = Spec.Metric,
            ResumeFrom = history.LastCheckpoint,
            ResumeEpoch = history.LastCheckpoint is null ? 0 : history.LastCheckpointEpoch,
            TeacherCheckpoint = trial.Definition.Kind == TrialKind.Student ? Sweep.TeacherTrial?.Outcome?.CheckpointLocation : null,
        };
        bool accepted;
        try
        {
            accepted = await GrainFactory.GetGrain<IGpuWorkerGrain>(lease.WorkerId).RunTrialAsync(assignment);
        }
        catch (Exception error)
        {
            LogWorkerUnreachable(logger, lease.WorkerId, error.Message);
            accepted = false;
        }
        if (!accepted)
        {
            trial.Status = TrialStatus.Pending;
            trial.Worker = null;
            await Experiment(trial.TrialId).MarkPendingAsync($"worker {lease.WorkerId} did not take attempt {trial.Attempt}", trial.Failures);
            await Registry.ReleaseSlotAsync(lease.WorkerId, trialKey);
            return false;
        }
        LogDispatched(logger, SweepId, trial.TrialId, trial.Attempt, lease.WorkerId);
        Publish(SweepEventKind.TrialStarted, trial);
        return true;
    }

    /// <summary>
    /// Brings the trials the saved state still shows open up to their experiment grains' records: dispatches and
    /// outcomes since the last save are there. Finished trials were saved as such and need no call.
    /// </summary>
    private async Task CatchUpWithExperimentsAsync()
    {
        var open = Sweep.Trials.Where(trial => !trial.Status.IsFinal()).ToList();
        var records = await Task.WhenAll(open.Select(trial => Experiment(trial.TrialId).GetAsync()));
        var caughtUp = open.Zip(records).Count(pair => pair.First.CatchUp(pair.Second, Spec.Metric));
        if (caughtUp > 0)
        {
            LogCaughtUp(logger, SweepId, caughtUp);
            unsaved = true;
        }
    }

    /// <summary>Re-queues running trials whose worker died, restarted, or no longer runs them.</summary>
    private async Task RequeueLostTrialsAsync()
    {
        var running = Sweep.Trials.Where(trial => trial.Status == TrialStatus.Running).ToList();
        if (running.Count == 0)
        {
            return;
        }
        var workers = (await Registry.GetWorkersAsync()).ToDictionary(worker => worker.WorkerId);
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var trial in running)
        {
            if (lostTrials.LossReason(trial, TrialKeys.Of(SweepId, trial.TrialId), workers, now) is { } reason)
            {
                await RequeueAsync(trial, $"attempt {trial.Attempt} lost: {reason}");
                changed = true;
            }
        }
        unsaved |= changed;
    }

    private async Task RequeueAsync(TrialState trial, string reason)
    {
        LogRequeued(logger, SweepId, trial.TrialId, reason);
        trial.Status = TrialStatus.Pending;
        trial.Worker = null;
        trial.NotBefore = null;
        await Experiment(trial.TrialId).MarkPendingAsync(reason, trial.Failures);
        unsaved = true;
        Publish(SweepEventKind.TrialRequeued, trial, reason);
    }

    private async Task FailStudentsOfAFailedTeacherAsync()
    {
        if (Sweep.TeacherTrial is not { } teacher || !teacher.Status.IsFinal() || teacher.Status == TrialStatus.Completed)
        {
            return;
        }
        var reason = $"the teacher trial {teacher.Status.ToString().ToLowerInvariant()}: {teacher.Error}";
        var waiting = Sweep.Trials.Where(trial => trial.Status == TrialStatus.Pending).ToList();
        foreach (var trial in waiting)
        {
            trial.Status = TrialStatus.Failed;
            trial.Error = reason;
            await Experiment(trial.TrialId).MarkFinishedAsync(TrialStatus.Failed, null, reason);
            Publish(SweepEventKind.TrialFinished, trial, reason);
        }
        unsaved |= waiting.Count > 0;
    }

    private async Task FinishIfDoneAsync()
    {
        if (Sweep.Status != SweepStatus.Running || Sweep.Ending() is not { } ending)
        {
            return;
        }
        Sweep.Status = ending;
        Sweep.FinishedAt = clock.GetUtcNow();
        await SaveAsync();
        LogFinished(logger, SweepId, Sweep.Status);
        await StopRunningAsync();
        Publish(SweepEventKind.SweepFinished, null);
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        unsaved = false;
    }

    private IExperimentGrain Experiment(string trialId) => GrainFactory.GetGrain<IExperimentGrain>(TrialKeys.Of(SweepId, trialId));

    private async Task KeepRunningAsync()
    {
        StartTicking();
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        }
        catch (Exception error)
        {
            // Without a reminder the sweep still runs; it only loses its wake-up after a silo loss with no caller.
            LogReminderUnavailable(logger, SweepId, error.Message);
        }
    }

    private void StartTicking() =>
        ticker ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = timing.CoordinatorTick,
            Period = timing.CoordinatorTick,
            KeepAlive = true,
        });

    private async Task StopRunningAsync()
    {
        ticker?.Dispose();
        ticker = null;
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception error)
        {
            LogReminderUnavailable(logger, SweepId, error.Message);
        }
    }

    private void Publish(SweepEventKind kind, TrialState? trial, string? message = null) => feed.Append(Event(kind, trial, message));

    private SweepEvent Event(SweepEventKind kind, TrialState? trial, string? message = null) => new()
    {
        Kind = kind,
        TrialId = trial?.TrialId,
        TrialStatus = trial?.Status ?? TrialStatus.Pending,
        Epoch = trial?.LastEpoch ?? 0,
        TotalEpochs = trial?.TotalEpochs ?? 0,
        Metric = trial?.LastMetric,
        Attempt = trial?.Attempt ?? 0,
        Message = message ?? trial?.Error,
        SweepStatus = Sweep.Status,
        Time = clock.GetUtcNow(),
    };
}
