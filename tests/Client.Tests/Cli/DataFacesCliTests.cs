using FaceKdGrid.Client.Cli;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>facekd data faces refuses what it cannot read with exit code 2, before any face detection runs.</summary>
public sealed class DataFacesCliTests
{
    [Fact]
    public async Task AMissingPhotoIsNamed()
    {
        using var cli = new CliRun();
        var missing = Path.Combine(cli.Directory, "no-such.jpg");

        var exitCode = await cli.RunAsync("data", "faces", missing, "--out", Path.Combine(cli.Directory, "faces"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("no-such.jpg", cli.Messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, "faces")));
    }

    [Fact]
    public async Task PhotosThatCannotBeDecodedAreReportedAndNothingIsWritten()
    {
        using var cli = new CliRun();
        var photos = Directory.CreateDirectory(Path.Combine(cli.Directory, "photos")).FullName;
        await File.WriteAllTextAsync(Path.Combine(photos, "broken.jpg"), "not a jpeg");

        var exitCode = await cli.RunAsync("data", "faces", photos, "--out", Path.Combine(cli.Directory, "faces"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("broken.jpg", cli.Messages, StringComparison.Ordinal);
        Assert.Contains("could be decoded; nothing was written", cli.Messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, "faces")));
    }
}
