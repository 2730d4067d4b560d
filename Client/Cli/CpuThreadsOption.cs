using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Grains.Training;

namespace FaceKdGrid.Client.Cli;

/// <summary>
/// --cpu-threads of the commands that train on the embedded silo (sweep run, retry, extend): torch's CPU thread count,
/// which a seed's numbers depend on (reductions split differently), so a run that is to repeat bit for bit on another
/// machine pins it. The silo's own variable is the default; a cluster's silos each set their own.
/// </summary>
public sealed class CpuThreadsOption
{
    public const string Variable = "FACEKD_" + TrainingOptions.Section + "__" + nameof(TrainingOptions.CpuThreads);

    public Option<string?> Option { get; } = new("--cpu-threads")
    {
        Description = $"torch's CPU threads for a run on the embedded silo (default: ${Variable}, else libtorch's choice for this machine); runs repeat bit for bit only with the same count",
    };

    /// <summary>
    /// The count asked for, or null for libtorch's default. Anything but a positive whole number is bad input, and so is
    /// the option where a cluster trains (<paramref name="onCluster"/>).
    /// </summary>
    public int? Value(ParseResult parseResult, bool onCluster)
    {
        var given = parseResult.GetValue(Option);
        if (onCluster)
        {
            return given is null ? null
                : throw new BadInputException($"{Option.Name} applies to a run on the embedded silo; a cluster's silos set their own ({TrainingOptions.Section}:{nameof(TrainingOptions.CpuThreads)})");
        }
        var (value, source) = given is not null ? (given, Option.Name)
            : (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } variable ? variable : null, "$" + Variable);
        if (value is null)
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads >= 1
            ? threads
            : throw new BadInputException($"{source}: '{value}' is not a number of threads (a whole number, at least 1)");
    }
}
