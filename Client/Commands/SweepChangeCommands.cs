using System.CommandLine;

namespace FaceKdGrid.Client.Commands;

/// <summary>
/// facekd sweep retry|extend: change a submitted sweep, then follow it to its end and print its results as
/// <c>sweep run</c> does (<see cref="SweepCommands.Changing"/>).
/// </summary>
public sealed class SweepChangeCommands(SweepCommands sweeps)
{
    private readonly Option<int> samplesOption = new("--samples")
    {
        Description = "how many more samples of the search space to draw (each adds one trial per grid point)",
        Required = true,
    };

    public IEnumerable<Command> Build()
    {
        yield return sweeps.Changing(
            "retry",
            "run a sweep's failed and cancelled trials again (from their last checkpoints), keeping its finished ones",
            (grid, id, _) => grid.RetryAsync(id),
            (id, change) => $"sweep {id}: {change.TrialIds.Count} trials re-queued ({string.Join(", ", change.TrialIds)})");
        var extend = sweeps.Changing(
            "extend",
            "add more samples to a random search: the trials a larger num_samples would have added",
            (grid, id, parseResult) => grid.ExtendAsync(id, parseResult.GetValue(samplesOption)),
            (id, change) => $"sweep {id}: {change.TrialIds.Count} trials added ({change.TrialIds[0]} to {change.TrialIds[^1]})",
            samplesOption);
        // Checked as the command line is parsed: before any silo starts or any state is touched.
        samplesOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--samples: {result.GetValueOrDefault<int>()} must be at least 1");
            }
        });
        yield return extend;
    }
}
