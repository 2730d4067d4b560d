using System.Runtime.CompilerServices;
using FaceKdGrid.ClientLibrary.Connection;
using FaceKdGrid.ClientLibrary.Security;
using FaceKdGrid.Grains.Serialization;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;

namespace FaceKdGrid.ClientLibrary;

/// <summary>
/// Typed questions to a FaceKdGrid grid, a sweep's events followed to its end, and what a client changes: submitting,
/// cancelling, retrying and extending a sweep, draining a silo.
/// <see cref="ConnectAsync"/> joins a cluster through its gateways; <see cref="Over"/> asks through a grain factory the
/// caller already has (a silo's own). Disposing a connected client leaves the cluster.
/// </summary>
public sealed class GridClient : IAsyncDisposable
{
    /// <summary>Trial grains asked at once (for epoch curves, event files), so a large sweep does not flood the cluster.</summary>
    public const int TrialBatch = 64;

    /// <summary>How long <see cref="FollowAsync"/> waits before subscribing again to a broken stream.</summary>
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(1);

    /// <summary>The client's own host when it connected; null when it asks through someone else's grain factory.</summary>
    private readonly IHost? host;

    private GridClient(IGrainFactory grains, IHost? host)
    {
        Grains = grains;
        this.host = host;
    }

    /// <summary>The grain factory the typed calls use, for questions they do not cover.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>Asks through <paramref name="grains"/> (e.g. a silo's or a co-hosted client's); disposing it leaves them be.</summary>
    public static GridClient Over(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return new GridClient(grains, host: null);
    }

    /// <summary>
    /// Connects to the cluster at <see cref="GridClientOptions.Gateways"/>. Throws <see cref="GridConnectException"/>
    /// naming the gateway and why (its address, nothing answering with that cluster id, or TLS and what to change).
    /// </summary>
    public static async Task<GridClient> ConnectAsync(GridClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Gateways.Count == 0)
        {
            throw new GridConnectException(GridConnectFailure.InvalidGateway, "no gateway given: name at least one as HOST:PORT (e.g. localhost:30000)");
        }
        var endpoints = new List<System.Net.IPEndPoint>();
        foreach (var gateway in options.Gateways)
        {
            endpoints.Add(await GatewayAddress.ResolveAsync(gateway, cancellationToken));
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. endpoints]);
            client.Services.AddSerializer(serializer => serializer.AddGridRecords());
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            if (options.Tls is { } tls)
            {
                client.UseTls(tls.Certificate, tlsOptions => TlsCertificates.Configure(tlsOptions, tls.Trust));
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).WaitAsync(options.ConnectTimeout, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            host.Dispose();
            var named = string.Join(", ", options.Gateways);
            foreach (var endpoint in endpoints)
            {
                if (await GatewayTlsProbe.ExplainAsync(endpoint, options.Tls?.Certificate, options.Tls?.Trust, cancellationToken) is { } reason)
                {
                    throw new GridConnectException(GridConnectFailure.Tls, $"cannot connect to the FaceKdGrid cluster at {named}: {reason}", error);
                }
            }
            throw new GridConnectException(GridConnectFailure.Unreachable, $"cannot reach a FaceKdGrid cluster with id '{options.ClusterId}' at {named} ({error.Message})", error);
        }
        return new GridClient(host.Services.GetRequiredService<IClusterClient>(), host);
    }

    /// <summary>Every sweep ever submitted, in submission order, with its trials counted by status.</summary>
    public async Task<IReadOnlyList<SweepSummary>> ListSweepsAsync()
    {
        var sweeps = new List<SweepSummary>();
        foreach (var id in await Grains.GetGrain<ISweepCatalogGrain>(0).ListAsync())
        {
            sweeps.Add(await Coordinator(id).GetSummaryAsync());
        }
        return sweeps;
    }

    /// <summary>The sweep's status and trial counts; <see cref="SweepStatus.Unknown"/> when no sweep has this id.</summary>
    public Task<SweepSummary> GetSweepSummaryAsync(string sweepId) => Coordinator(sweepId).GetSummaryAsync();

    /// <summary>The sweep with every trial's row (status, epochs, last metric, attempts, worker).</summary>
    public Task<SweepSnapshot> GetSweepStatusAsync(string sweepId) => Coordinator(sweepId).GetStatusAsync();

    /// <summary>The results: every student trial, the seeds aggregated per configuration, best per ratio, the Pareto front.</summary>
    public Task<SweepResults> GetSweepResultsAsync(string sweepId) => Coordinator(sweepId).GetResultsAsync();

    /// <summary>One trial as its experiment grain holds it, with its epoch curve; <see cref="TrialSnapshot.Exists"/> is false for an unknown one.</summary>
    public Task<TrialSnapshot> GetTrialAsync(string sweepId, string trialId) => Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(sweepId, trialId)).GetAsync();

    /// <summary>
    /// Copies a trial's final checkpoint (the project's own format) into <paramref name="destination"/>, checked against
    /// its recorded SHA-256 as it streams. Ask only for a trial that ended with results (<see cref="TrialSnapshot.Outcome"/>).
    /// </summary>
    public async Task CopyFinalCheckpointAsync(string sweepId, string trialId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var chunks = Grains.GetGrain<ITrialModelGrain>(TrialKeys.Of(sweepId, trialId)).ReadFinalCheckpointAsync(cancellationToken);
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            await destination.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Every trial of the sweep as <see cref="GetTrialAsync"/> gives it, teacher first.</summary>
    public async Task<IReadOnlyList<TrialSnapshot>> GetTrialsAsync(string sweepId)
    {
        var trials = new List<TrialSnapshot>();
        foreach (var batch in (await GetSweepStatusAsync(sweepId)).Trials.Chunk(TrialBatch))
        {
            trials.AddRange(await Task.WhenAll(batch.Select(trial => GetTrialAsync(sweepId, trial.TrialId))));
        }
        return trials;
    }

    /// <summary>The active silos and every worker, with slots and running trials.</summary>
    public async Task<ClusterStatus> GetClusterStatusAsync()
    {
        var silos = await Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var workers = await Grains.GetGrain<IWorkerRegistryGrain>(0).GetWorkersAsync();
        return new ClusterStatus(silos, workers);
    }

    /// <summary>
    /// Submits the spec under its name. Idempotent: the same spec again answers <see cref="SubmitOutcome.AlreadySubmitted"/>;
    /// a spec the grid refuses comes back not accepted, with its errors, and changes nothing.
    /// </summary>
    public Task<SubmitResult> SubmitAsync(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Coordinator(spec.Name).SubmitAsync(spec);
    }

    /// <summary>Drops the sweep's pending trials and stops its running ones; the results so far remain.</summary>
    public Task CancelAsync(string sweepId) => Coordinator(sweepId).CancelAsync();

    /// <summary>Re-queues the sweep's failed and cancelled trials from their last checkpoints; a refused retry says why in <see cref="SweepChange.Refusal"/>.</summary>
    public Task<SweepChange> RetryAsync(string sweepId) => Coordinator(sweepId).RetryAsync();

    /// <summary>Adds <paramref name="samples"/> more samples to a random search (the trials a larger num_samples would have had); a refusal says why.</summary>
    public Task<SweepChange> ExtendAsync(string sweepId, int samples) => Coordinator(sweepId).ExtendAsync(samples);

    /// <summary>
    /// Every trial's current state, then the sweep's events until it ends (<see cref="SweepEventKind.SweepFinished"/>, the
    /// last event) or the token fires; when the stream breaks (the coordinator moved to another silo) it subscribes again,
    /// which starts over with every trial's current state. For an id not yet submitted it waits for the submission.
    /// </summary>
    public async IAsyncEnumerable<SweepEvent> FollowAsync(string sweepId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var coordinator = Coordinator(sweepId);
        while (!cancellationToken.IsCancellationRequested)
        {
            var broken = false;
            var events = coordinator.WatchAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool moved;
                    try
                    {
                        moved = await events.MoveNextAsync();
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        broken = true;
                        break;
                    }
                    if (!moved)
                    {
                        break;
                    }
                    yield return events.Current;
                    if (events.Current.Kind == SweepEventKind.SweepFinished)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await DisposeQuietlyAsync(events);
            }
            if (!broken)
            {
                yield break;
            }
            await Task.Delay(Resubscribe, cancellationToken);
        }
    }

    /// <summary>The trial's TensorBoard event file, read by a silo from the artifact store; null until it has finished an epoch.</summary>
    public Task<TensorBoardFile?> GetEventFileAsync(string sweepId, string trialId, CancellationToken cancellationToken = default) =>
        Grains.GetGrain<ITensorBoardGrain>(TrialKeys.Of(sweepId, trialId)).GetEventFileAsync(cancellationToken);

    /// <summary>
    /// Drains every live worker of the silo named <paramref name="siloName"/>: they take no new trials and hand off their
    /// running ones, and the silo then leaves. Answers those workers as they were before the drain; none when it has no live worker.
    /// </summary>
    public async Task<IReadOnlyList<WorkerInfo>> DrainSiloAsync(string siloName)
    {
        var workers = (await GetClusterStatusAsync()).Workers
            .Where(worker => worker.Heartbeat.Silo == siloName && worker.IsAlive)
            .ToList();
        foreach (var worker in workers)
        {
            await Grains.GetGrain<IGpuWorkerGrain>(worker.WorkerId).DrainAsync();
        }
        return workers;
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private ISweepCoordinatorGrain Coordinator(string sweepId) => Grains.GetGrain<ISweepCoordinatorGrain>(sweepId);

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<SweepEvent> events)
    {
        try
        {
            await events.DisposeAsync();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The coordinator that held the stream is gone; there is nothing left to release.
        }
    }
}
