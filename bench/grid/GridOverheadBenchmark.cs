using System.Diagnostics;
using System.Globalization;
using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Bench.Grid;

/// <summary>
/// Runs one sweep of no-op trials on an in-process silo and compares its wall time with the ideal; also prints how long
/// the submit call took and how much the managed heap grew: right after submit (mostly the coordinator's index of
/// trials) and at the end (plus one experiment grain activation per trial).
/// </summary>
internal static class GridOverheadBenchmark
{
    public static async Task<int> RunAsync(GridBenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Problem is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:SiloName"] = "bench",
            ["Training:Devices:0:Name"] = "cpu",
            ["Training:Devices:0:Slots"] = settings.Slots.ToString(CultureInfo.InvariantCulture),
            ["Dashboard:Enabled"] = "false",
        });
        builder.AddFaceKdGridSilo(silo => silo.Services.AddSingleton<ITrialExecutor>(new NoOpTrialExecutor(settings.Duration, settings.Epochs)));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var spec = Spec(settings);
            var coordinator = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepCoordinatorGrain>(spec.Name);
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            await coordinator.SubmitAsync(spec);
            var submit = clock.Elapsed;
            // Measured with the clock stopped: the coordinator's index of every trial plus the first batch of experiment grains.
            clock.Stop();
            var heapAtSubmit = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            clock.Start();
            while ((await coordinator.GetSummaryAsync()).Status == SweepStatus.Running)
            {
                await Task.Delay(100, cancellationToken);
            }
            var wall = clock.Elapsed;
            var status = await coordinator.GetStatusAsync();
            var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            var epochsRun = status.Trials.Sum(trial => trial.Outcome?.EpochsRun ?? 0);
            // FIFO: full waves of slots; ASHA: the epochs that ran, packed perfectly onto the slots (a lower bound).
            var ideal = settings.Asha
                ? settings.EpochDuration * ((double)epochsRun / settings.Slots)
                : settings.Duration * Math.Ceiling((double)settings.Trials / settings.Slots);
            Console.WriteLine("| trials | slots | trial | epochs run | ideal | wall | overhead | per trial | submit | heap at submit | heap at end | status |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {settings.Trials} | {settings.Slots} | {settings.Duration.TotalSeconds:0.###} s x {settings.Epochs} epochs{(settings.Asha ? ", ASHA" : "")} | {epochsRun} | {ideal.TotalSeconds:0.0} s | {wall.TotalSeconds:0.0} s | {(wall / ideal - 1) * 100:+0.0;-0.0}% | {(wall - ideal).TotalMilliseconds / settings.Trials:0.00} ms | {submit.TotalSeconds:0.00} s | {heapAtSubmit / 1048576.0:0} MiB | {heapGrowth / 1048576.0:0} MiB | {status.Status.ToString().ToLowerInvariant()} |"));
            Console.WriteLine("(Ray Tune's published figure for 10,000 x 1 s on 16 slots: 715 s against 625 s, +14.4%)");
            return status.Status == SweepStatus.Completed ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>N trials (num_samples over a random seed), no teacher trial (a dlib teacher is never loaded by a no-op).</summary>
    private static SweepSpec Spec(GridBenchSettings settings)
    {
        var scheduler = settings.Asha
            ? $"{{ kind: asha, grace_period: 1, reduction_factor: 2, max_epochs: {settings.Epochs} }}"
            : "{ kind: fifo }";
        var parsed = SweepSpecYaml.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
            name: grid-overhead
            teacher: { kind: dlib }
            search_space: { compression_ratio: 4, seed: { randint: [0, 1000000] }, epochs: {{settings.Epochs}} }
            num_samples: {{settings.Trials}}
            max_concurrent: {{settings.Slots}}
            scheduler: {{scheduler}}
            """));
        return parsed.Spec ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors));
    }
}
