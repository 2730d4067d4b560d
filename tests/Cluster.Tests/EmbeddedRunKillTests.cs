using System.Text.Json;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Specs;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

/// <summary>
/// facekd sweep run without a cluster, SIGKILLed mid-sweep and run again: the embedded silo's state under .facekd/
/// brings the sweep back, and the interrupted trial resumes from its checkpoint instead of redoing its epochs.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class EmbeddedRunKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("facekd-embedded-kill-");

    [Fact]
    public async Task AKilledEmbeddedRunResumesFromItsCheckpointsAndEndsAsAnUninterruptedRunWould()
    {
        const string Name = "embedded-killed";
        var specPath = Path.Combine(folder.FullName, "spec.yaml");
        await File.WriteAllTextAsync(specPath, TinySweep.Yaml(Name, students: 2, maxConcurrent: 1));

        // One student at a time, so t000 is the one running when its second epoch (and first checkpoint) is recorded.
        using (var first = FacekdProcess.Start(folder.FullName, "sweep", "run", specPath))
        {
            await first.WaitForMessageAsync(" t000 epoch 2/", TimeSpan.FromMinutes(3));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine("first run, killed:\n" + first.Messages);
        }

        var epochsFile = Path.Combine(folder.FullName, "epochs.json");
        using var second = FacekdProcess.Start(folder.FullName, "sweep", "run", specPath, "--format", "json", "--epochs", epochsFile);
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(4));
        output.WriteLine("second run:\n" + second.Messages);

        Assert.Equal(0, exitCode);
        Assert.Contains("was already submitted with this spec", second.Messages, StringComparison.Ordinal);
        // The teacher finished in the first run and is not trained again.
        Assert.DoesNotContain(" teacher started:", second.Messages, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(second.Output);
        Assert.Equal("completed", results.RootElement.GetProperty("status").GetString());
        var trials = results.RootElement.GetProperty("trials").EnumerateArray().ToList();
        // What an uninterrupted run of the spec has: every student of its expansion, completed, every epoch run.
        var expected = TrialExpansion.Expand(TinySweep.Spec(Name, students: 2, maxConcurrent: 1)).Where(trial => trial.Kind == TrialKind.Student);
        Assert.Equal(expected.Select(trial => trial.TrialId), trials.Select(trial => trial.GetProperty("id").GetString()));
        Assert.All(trials, trial =>
        {
            Assert.Equal("completed", trial.GetProperty("status").GetString());
            Assert.Equal(TinySweep.Epochs, trial.GetProperty("epochs").GetInt32());
        });
        var interrupted = trials.Single(trial => trial.GetProperty("id").GetString() == "t000");
        Assert.True(interrupted.GetProperty("resumedFromEpoch").GetInt32() > 0, "t000 started again from scratch: " + interrupted);
        Assert.True(interrupted.GetProperty("attempts").GetInt32() >= 2, "t000 was not run again after the kill: " + interrupted);
        Assert.Equal(0, trials.Single(trial => trial.GetProperty("id").GetString() == "t001").GetProperty("resumedFromEpoch").GetInt32());

        // Every epoch of every trial once: the resumed attempt's epochs replace the killed one's, never add to them.
        using var curves = JsonDocument.Parse(await File.ReadAllTextAsync(epochsFile));
        var epochs = curves.RootElement.GetProperty("epochs").EnumerateArray()
            .GroupBy(row => row.GetProperty("trialId").GetString()!)
            .ToDictionary(group => group.Key, group => group.Select(row => row.GetProperty("epoch").GetInt32()).ToList());
        foreach (var trial in expected)
        {
            Assert.Equal(Enumerable.Range(1, TinySweep.Epochs), epochs[trial.TrialId]);
        }
    }

    public void Dispose() => folder.Delete(recursive: true);
}
