using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class SiloKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ASweepSurvivesASiloKilledMidTrialAndItsTrialsResumeFromCheckpointsElsewhere()
    {
        await using var cluster = await ProcessCluster.StartOnAzuriteAsync(output);
        var silos = await Task.WhenAll(new[] { "alpha", "bravo", "charlie" }.Select(name => cluster.StartSiloAsync(name)));
        var client = await cluster.ConnectAsync(silos[0]);
        var spec = TinySweep.Spec("killed", students: 4, maxConcurrent: 3);
        var coordinator = client.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        Assert.Equal(SubmitOutcome.Created, (await coordinator.SubmitAsync(spec)).Outcome);

        // The client's gateway (alpha) survives; whichever other silo first runs a student past an epoch dies.
        var (doomed, interrupted) = await ProcessCluster.WaitForTrialMidwayAsync(client, spec.Name, silos[1..], TimeSpan.FromMinutes(3));
        doomed.Kill();
        output.WriteLine($"killed {doomed.Name} while it ran {interrupted.TrialId}");

        var done = await ProcessCluster.WaitForSweepAsync(coordinator, TimeSpan.FromMinutes(4));
        Assert.Equal(SweepStatus.Completed, done.Status);
        var students = done.Trials.Where(trial => trial.Kind == TrialKind.Student).ToList();
        Assert.Equal(4, students.Count);
        foreach (var trial in done.Trials)
        {
            Assert.Equal(TrialStatus.Completed, trial.Status);
            Assert.NotNull(trial.Outcome);
            Assert.Null(trial.Lifecycle.Reason);
        }
        var results = await coordinator.GetResultsAsync();
        Assert.Equal(students.Select(trial => trial.TrialId).Order(), results.Trials.Select(trial => trial.TrialId).Order());
        foreach (var trial in students)
        {
            // One record per epoch: a resumed attempt's epochs replace the interrupted one's, never add to them.
            var snapshot = await client.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, trial.TrialId)).GetAsync();
            Assert.Equal(Enumerable.Range(1, TinySweep.Epochs), snapshot.Epochs.Select(epoch => epoch.Epoch));
            Assert.Equal(TinySweep.Epochs, trial.Outcome!.EpochsRun);
        }

        var interruptedResult = done.Trials.Single(trial => trial.TrialId == interrupted.TrialId);
        Assert.True(interruptedResult.Lifecycle.Attempts >= 2, $"{interrupted.TrialId} ran {interruptedResult.Lifecycle.Attempts} attempt(s)");
        Assert.NotEqual(doomed.Worker, interruptedResult.Lifecycle.Worker);
        var resumedAfter = ProcessCluster.ResumedAfterEpochs(silos.Where(silo => silo != doomed), spec.Name, interrupted.TrialId);
        Assert.NotEmpty(resumedAfter);
        Assert.All(resumedAfter, epoch => Assert.True(epoch > 0, $"{interrupted.TrialId} restarted from scratch"));
        // The logs say what the scheduler asked; the outcome says what the engine loaded in the attempt that finished.
        var loaded = interruptedResult.Outcome!.ResumedFromEpoch;
        Assert.True(loaded > 0, $"the engine started {interrupted.TrialId}'s last attempt fresh");
        Assert.Contains(loaded, resumedAfter);

        cluster.AssertNoSecretInLogs();
    }
}
