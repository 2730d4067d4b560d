using System.Text.Json;
using FaceKdGrid.Client.Output;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Output;

/// <summary>The --epochs export: one row per trial and epoch, CSV or JSON by the file's extension.</summary>
public sealed class EpochCurvesFileTests : IDisposable
{
    private static readonly TrialSnapshot[] Trials =
    [
        Trial("teacher", 2),
        Trial("t000", 3),
        // Defined, not started yet: no rows.
        Trial("t001", 0),
    ];

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("facekd-epochs-");

    [Fact]
    public void TheCsvHasAHeaderAndOneRowPerTrialEpoch()
    {
        var path = Path.Combine(directory.FullName, "curves.csv");

        EpochCurvesFile.Write(path, "sweep", Trials);

        var lines = File.ReadAllLines(path);
        Assert.Equal("trial_id,epoch,train_loss,validation_accuracy,validation_tar,far,seconds", lines[0]);
        Assert.Equal(["teacher,1", "teacher,2", "t000,1", "t000,2", "t000,3"], lines.Skip(1).Select(line => string.Join(',', line.Split(',').Take(2))));
        Assert.Equal("t000,2,0.5,0.5,0.25,0.01,1.5", lines[4]);
    }

    [Fact]
    public void TheJsonHasOneRowPerTrialEpochWithEveryField()
    {
        var path = Path.Combine(directory.FullName, "curves.JSON");

        EpochCurvesFile.Write(path, "sweep", Trials);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("sweep", json.RootElement.GetProperty("sweepId").GetString());
        var rows = json.RootElement.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["trialId", "epoch", "trainLoss", "validationAccuracy", "validationTar", "far", "seconds"], rows[3].EnumerateObject().Select(field => field.Name));
        Assert.Equal("t000", rows[3].GetProperty("trialId").GetString());
        Assert.Equal(2, rows[3].GetProperty("epoch").GetInt32());
        Assert.Equal(0.5, rows[3].GetProperty("validationAccuracy").GetDouble());
    }

    [Theory]
    [InlineData("curves.csv", true)]
    [InlineData("curves.Json", true)]
    [InlineData("curves.txt", false)]
    [InlineData("curves", false)]
    public void OnlyCsvAndJsonAreSupported(string name, bool supported) => Assert.Equal(supported, EpochCurvesFile.Supports(name));

    public void Dispose() => directory.Delete(recursive: true);

    private static TrialSnapshot Trial(string id, int epochs) => new()
    {
        SweepId = "sweep",
        TrialId = id,
        Exists = true,
        Epochs = Enumerable.Range(1, epochs).Select(epoch => TestEpochs.Validated(epoch, epoch / 4.0, tar: epoch / 8.0, far: 0.01, loss: 1.0 / epoch, seconds: 1.5)).ToList(),
    };
}
