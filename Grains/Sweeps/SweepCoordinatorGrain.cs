using System.Runtime.CompilerServices;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Hosting;
using FaceKdGrid.Grains.Results;
using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// Runs one sweep. Each trial's lifecycle is owned by its experiment grain: the coordinator asks it for every
/// transition (a small write) and keeps the lifecycle it gets back in its index of trials. The index, which holds every
/// trial, is saved at the sweep's turning points (submit, cancel, finish) and otherwise at most once per
/// <see cref="GridTimingOptions.IndexSaveInterval"/>, so no write that grows with the sweep is paid per trial; an in-memory <see cref="TrialIndex"/> keeps each report's bookkeeping
/// independent of the sweep's size. Submission defines the experiment grains in batches, a batch per turn. A
/// coordinator re-activated on another silo (by a reminder, a report or a client call) catches up from the experiment
/// grains and resumes where it was. A timer drives scheduling and the check for lost workers.
/// </summary>
public sealed partial class SweepCoordinatorGrain : Grain, ISweepCoordinatorGrain, ISweepReportingGrain, IRemindable
{
    private const string ReminderName = "sweep-pump";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Experiment grains defined (or cancelled) per turn: bounds a turn of a 100,000-trial sweep to about a second.</summary>
    private const int Batch = 1000;

    private readonly IPersistentState<SweepState> state;
    private readonly GridTimingOptions timing;
    private readonly TimeProvider clock;
    private readonly ILogger<SweepCoordinatorGrain> logger;
    private readonly SweepEventFeed feed = new();
    private readonly LostTrialDetector lostTrials;
    private readonly SweepDataProvider data;
    private IGrainTimer? ticker;
    private IGrainTimer? definer;
    private bool unsaved;
    private DateTimeOffset lastSaved;
    private TrialIndex? index;
    private AshaScheduler? asha;
    private AshaState? ashaRungs;

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

    private TrialIndex Index => index ??= new TrialIndex(Sweep.Trials, Sweep.Defined);

    private bool UsesAsha => Sweep.Spec?.Scheduler.Kind == SchedulerKind.Asha;

    private AshaScheduler Asha => asha ??= new AshaScheduler(Spec.Scheduler, Spec.Mode);

    /// <summary>ASHA's rungs, rebuilt from the trials' own rung records the first time they are needed.</summary>
    private AshaState AshaRungs
    {
        get
        {
            if (ashaRungs is null)
            {
                ashaRungs = new AshaState();
                foreach (var trial in Sweep.Trials)
                {
                    foreach (var (milestone, value) in trial.Rungs)
                    {
                        ashaRungs.Record(Bracket(trial), milestone, trial.TrialId, value);
                    }
                }
            }
            return ashaRungs;
        }
    }

    private IWorkerRegistryGrain Registry => GrainFactory.GetGrain<IWorkerRegistryGrain>(0);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Sweep.Status == SweepStatus.Running)
        {
            await CatchUpWithExperimentsAsync();
            LogResumed(logger, SweepId, Index.Running.Count);
            StartTicking();
        }
        if (Sweep.Spec is not null && !Index.AllDefined)
        {
            StartDefining();
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
            errors.AddRange(await EvaluationSetsCheck.ValidateAsync(spec.Evaluation, data, CancellationToken.None));
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
        Sweep.Spec = spec;
        Sweep.Fingerprint = fingerprint;
        Sweep.Status = SweepStatus.Running;
        Sweep.SubmittedAt = clock.GetUtcNow();
        Sweep.Trials = definitions.Select(definition => new TrialState
        {
            Definition = definition,
            TotalEpochs = definition.Parameters?.Epochs ?? spec.Teacher!.Epochs,
        }).ToList();
        Sweep.Defined = 0;
        index = null;
        // The first batch is defined in this turn (all of a small sweep); a large sweep's others follow, a batch a turn.
        await DefineNextBatchAsync();
        await SaveAsync();
        await GrainFactory.GetGrain<ISweepCatalogGrain>(0).AddAsync(SweepId);
        LogSubmitted(logger, SweepId, definitions.Count);
        await KeepRunningAsync();
        if (!Index.AllDefined)
        {
            StartDefining();
        }
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

    public Task<SweepSummary> GetSummaryAsync() => Task.FromResult(new SweepSummary
    {
        SweepId = SweepId,
        Status = Sweep.Spec is null ? SweepStatus.Unknown : Sweep.Status,
        TrialCount = Sweep.Trials.Count,
        Trials = Index.Counts(),
        SubmittedAt = Sweep.SubmittedAt,
        FinishedAt = Sweep.FinishedAt,
        Metric = Sweep.Spec?.Metric ?? default,
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
            TeacherTrial = Index.Teacher?.ToResult(),
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
        const string Reason = "the sweep was cancelled";
        Sweep.Status = SweepStatus.Cancelled;
        Sweep.FinishedAt = clock.GetUtcNow();
        foreach (var trial in Index.Running.Where(trial => trial.Lifecycle.Worker is not null).ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IGpuWorkerGrain>(trial.Lifecycle.Worker!).CancelTrialAsync(TrialKeys.Of(SweepId, trial.TrialId));
            }
            catch (Exception error)
            {
                // A worker that cannot be reached runs nothing any more: its trials are cancelled regardless.
                LogWorkerUnreachable(logger, trial.Lifecycle.Worker!, error.Message);
            }
        }
        var open = Index.Running.Concat(Index.Pending).ToList();
        foreach (var batch in open.Chunk(Batch))
        {
            var cancelled = await Task.WhenAll(batch.Select(trial => Experiment(trial.TrialId).CancelAsync(Reason)));
            foreach (var (trial, lifecycle) in batch.Zip(cancelled))
            {
                Index.Apply(trial, lifecycle);
            }
        }
        // Trials not defined yet have no experiment grain to ask: the definer writes them cancelled.
        foreach (var trial in Index.Undefined.ToList())
        {
            Index.Apply(trial, trial.Lifecycle.Cancel(Reason, Sweep.FinishedAt.Value));
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
        var trial = Index.Current(trialId, attempt);
        if (trial is null || Sweep.Status != SweepStatus.Running)
        {
            return EpochDecision.Stop;
        }
        trial.LastEpoch = metrics.Epoch;
        trial.LastMetric = Spec.Metric.ValueIn(metrics);
        var decision = EpochDecision.Continue;
        if (UsesAsha && trial.Definition.Kind == TrialKind.Student)
        {
            var verdict = Asha.OnEpoch(AshaRungs, Bracket(trial), trialId, metrics.Epoch, trial.LastMetric.Value);
            // The trial's own rungs travel with the index, saved with the next tick; a coordinator that moves before
            // then reads them from the trial's epoch curve.
            trial.Rungs = AshaRungs.RungsOf(Bracket(trial), trialId);
            unsaved = true;
            if (verdict == AshaVerdict.StopWeak)
            {
                Index.Apply(trial, await Experiment(trialId).RequestStopAsync(attempt));
            }
            decision = verdict == AshaVerdict.Continue ? EpochDecision.Continue : EpochDecision.Stop;
        }
        // Otherwise only the progress shown changed; the experiment grain keeps the epoch curve durably, and writing the
        // whole sweep's state on every epoch of every trial would cost more than the epochs of short trials.
        Publish(SweepEventKind.EpochReported, trial, decision == EpochDecision.Stop ? "stopping" : null);
        return decision;
    }

    public async Task ReportFinishedAsync(string trialId, int attempt, TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Index.Current(trialId, attempt) is not { } trial)
        {
            return;
        }
        Index.Apply(trial, await Experiment(trialId).FinishAsync(attempt, outcome));
        trial.LastEpoch = outcome.EpochsRun;
        trial.LastMetric = Spec.Metric.SelectionValueIn(outcome);
        unsaved = true;
        Publish(SweepEventKind.TrialFinished, trial);
        await PumpAsync();
    }

    public async Task ReportFailedAsync(string trialId, int attempt, string reason)
    {
        if (Index.Current(trialId, attempt) is not { } trial)
        {
            return;
        }
        var backoff = timing.RetryDelay(trial.Lifecycle.Failures + 1);
        Index.Apply(trial, await Experiment(trialId).FailAsync(attempt, reason, Spec.MaxFailures, backoff));
        if (trial.Status == TrialStatus.Pending)
        {
            LogRetrying(logger, SweepId, trialId, trial.Lifecycle.Reason!);
            Publish(SweepEventKind.TrialRequeued, trial);
        }
        else
        {
            LogTrialFailed(logger, SweepId, trialId, reason);
            Publish(SweepEventKind.TrialFinished, trial);
        }
        unsaved = true;
        await PumpAsync();
    }

    public async Task ReportCancelledAsync(string trialId, int attempt)
    {
        // The sweep's own cancel finalises its trials first; a trial still current was cancelled by its worker alone.
        if (Index.Current(trialId, attempt) is { } trial)
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
        if (unsaved && clock.GetUtcNow() - lastSaved >= timing.IndexSaveInterval)
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
        var free = Spec.MaxConcurrent - Index.Running.Count;
        foreach (var trial in Index.Startable(clock.GetUtcNow()).Take(Math.Max(free, 0)).ToList())
        {
            if (!await DispatchAsync(trial))
            {
                break;
            }
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
        var experiment = Experiment(trial.TrialId);
        var history = await experiment.GetAsync();
        if (history.Status != TrialStatus.Pending)
        {
            // The index lagged behind the trial's own record (a move of this grain between a transition and a save).
            Index.CatchUp(trial, history, Spec.Metric);
            await Registry.ReturnSlotAsync(lease.WorkerId, trialKey);
            unsaved = true;
            return true;
        }
        // Written before the worker hears of it: a coordinator that dies in between finds the attempt and checks it.
        Index.Apply(trial, await experiment.StartAsync(lease));
        unsaved = true;
        var attempt = trial.Lifecycle.Attempts;
        var assignment = new TrialAssignment
        {
            SweepId = SweepId,
            TrialId = trial.TrialId,
            Kind = trial.Definition.Kind,
            Attempt = attempt,
            Parameters = trial.Definition.Parameters,
            Teacher = Spec.Teacher!,
            Data = Spec.Data,
            Evaluation = Spec.Evaluation,
            Device = Spec.Device,
            Metric = Spec.Metric,
            ResumeFrom = history.LastCheckpoint,
            ResumeEpoch = history.LastCheckpoint is null ? 0 : history.LastCheckpointEpoch,
            TeacherCheckpoint = trial.Definition.Kind == TrialKind.Student ? Index.Teacher?.Lifecycle.Outcome?.CheckpointLocation : null,
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
            Index.Apply(trial, await experiment.RequeueAsync(attempt, $"worker {lease.WorkerId} did not take attempt {attempt}"));
            await Registry.ReturnSlotAsync(lease.WorkerId, trialKey);
            return false;
        }
        LogDispatched(logger, SweepId, trial.TrialId, attempt, lease.WorkerId);
        Publish(SweepEventKind.TrialStarted, trial);
        return true;
    }

    /// <summary>
    /// Brings the trials the saved index still shows open up to their experiment grains' records: transitions since the
    /// last save are there, and so are the epochs ASHA recorded rungs for. Finished trials were saved as such.
    /// </summary>
    private async Task CatchUpWithExperimentsAsync()
    {
        var open = Sweep.Trials.Take(Sweep.Defined).Where(trial => !trial.Status.IsFinal()).ToList();
        foreach (var batch in open.Chunk(Batch))
        {
            var records = await Task.WhenAll(batch.Select(trial => Experiment(trial.TrialId).GetAsync()));
            foreach (var (trial, record) in batch.Zip(records))
            {
                Index.CatchUp(trial, record, Spec.Metric);
                if (UsesAsha && trial.Definition.Kind == TrialKind.Student)
                {
                    foreach (var epoch in record.Epochs)
                    {
                        Asha.OnEpoch(AshaRungs, Bracket(trial), trial.TrialId, epoch.Epoch, Spec.Metric.ValueIn(epoch));
                    }
                    trial.Rungs = AshaRungs.RungsOf(Bracket(trial), trial.TrialId);
                }
            }
        }
        if (open.Count > 0)
        {
            LogCaughtUp(logger, SweepId, open.Count);
            unsaved = true;
        }
    }

    /// <summary>Re-queues running trials whose worker died, restarted, or no longer runs them.</summary>
    private async Task RequeueLostTrialsAsync()
    {
        if (Index.Running.Count == 0)
        {
            return;
        }
        var workers = (await Registry.GetWorkersAsync()).ToDictionary(worker => worker.WorkerId);
        var now = clock.GetUtcNow();
        foreach (var trial in Index.Running.ToList())
        {
            if (lostTrials.LossReason(trial.Lifecycle, TrialKeys.Of(SweepId, trial.TrialId), workers, now) is { } reason)
            {
                await RequeueAsync(trial, $"attempt {trial.Lifecycle.Attempts} lost: {reason}");
            }
        }
    }

    private async Task RequeueAsync(TrialState trial, string reason)
    {
        LogRequeued(logger, SweepId, trial.TrialId, reason);
        Index.Apply(trial, await Experiment(trial.TrialId).RequeueAsync(trial.Lifecycle.Attempts, reason));
        unsaved = true;
        Publish(SweepEventKind.TrialRequeued, trial);
    }

    private async Task FailStudentsOfAFailedTeacherAsync()
    {
        if (Index.Teacher is not { } teacher || !teacher.Status.IsFinal() || teacher.Status == TrialStatus.Completed)
        {
            return;
        }
        var reason = $"the teacher trial {teacher.Status.ToString().ToLowerInvariant()}: {teacher.Lifecycle.Reason}";
        var waiting = Index.Pending.ToList();
        foreach (var batch in waiting.Chunk(Batch))
        {
            var abandoned = await Task.WhenAll(batch.Select(trial => Experiment(trial.TrialId).AbandonAsync(reason)));
            foreach (var (trial, lifecycle) in batch.Zip(abandoned))
            {
                Index.Apply(trial, lifecycle);
                Publish(SweepEventKind.TrialFinished, trial);
            }
        }
        var undefined = Index.Undefined.Where(trial => trial.Status == TrialStatus.Pending).ToList();
        foreach (var trial in undefined)
        {
            Index.Apply(trial, trial.Lifecycle.Abandon(reason, clock.GetUtcNow()));
        }
        unsaved |= waiting.Count + undefined.Count > 0;
    }

    private async Task FinishIfDoneAsync()
    {
        if (Sweep.Status != SweepStatus.Running || Index.Ending() is not { } ending)
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

    /// <summary>
    /// Defines the next batch of experiment grains. A trial that ended before it was defined (its sweep was cancelled,
    /// its teacher failed) is defined, then ended the same way, so its grain holds its record.
    /// </summary>
    private async Task DefineNextBatchAsync()
    {
        var batch = Index.Undefined.Take(Batch).ToList();
        await Task.WhenAll(batch.Select(trial => Experiment(trial.TrialId).DefineAsync(trial.Definition)));
        var ended = await Task.WhenAll(batch.Select(trial => trial.Status switch
        {
            TrialStatus.Cancelled => Experiment(trial.TrialId).CancelAsync(trial.Lifecycle.Reason!),
            TrialStatus.Failed => Experiment(trial.TrialId).AbandonAsync(trial.Lifecycle.Reason!),
            _ => Task.FromResult(trial.Lifecycle),
        }));
        Sweep.Defined += batch.Count;
        Index.MarkDefined(Sweep.Defined);
        foreach (var (trial, lifecycle) in batch.Zip(ended))
        {
            Index.Apply(trial, lifecycle);
        }
        unsaved = true;
    }

    private void StartDefining() =>
        definer ??= this.RegisterGrainTimer(DefineBatchTickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = TimeSpan.FromMilliseconds(1),
            KeepAlive = true,
        });

    /// <summary>One batch per timer turn, so client calls and reports are served between batches.</summary>
    private async Task DefineBatchTickAsync(CancellationToken cancellationToken)
    {
        if (!Index.AllDefined)
        {
            await DefineNextBatchAsync();
        }
        if (Index.AllDefined)
        {
            definer?.Dispose();
            definer = null;
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        unsaved = false;
        lastSaved = clock.GetUtcNow();
    }

    private static string Bracket(TrialState trial) => trial.Definition.Parameters!.Text(SearchKeys.CompressionRatio);

    private IExperimentLifecycleGrain Experiment(string trialId) => GrainFactory.GetGrain<IExperimentLifecycleGrain>(TrialKeys.Of(SweepId, trialId));

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
        Attempt = trial?.Lifecycle.Attempts ?? 0,
        Message = message ?? trial?.Lifecycle.Reason,
        SweepStatus = Sweep.Status,
        Time = clock.GetUtcNow(),
        Worker = trial?.Lifecycle.Worker,
    };
}
