using FaceKdGrid.Distillation.Models.Dlib;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Dlib;

/// <summary>The only tests that read or change FACEKD_DLIB_MODEL_DIR, kept in one class so they never run in parallel.</summary>
public sealed class DlibDefaultDirectoryTests
{
    [Fact]
    public void EnvironmentVariableWinsElseThePackageIsFoundAboveTheApp()
    {
        var previous = Environment.GetEnvironmentVariable(DlibWeights.ModelDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(DlibWeights.ModelDirectoryVariable, "/configured/dlib");
            Assert.Equal("/configured/dlib", DlibWeights.DefaultDirectory);

            Environment.SetEnvironmentVariable(DlibWeights.ModelDirectoryVariable, null);
            var expected = Path.GetFullPath(DlibTestFiles.RequireModelDirectory());
            Assert.Equal(expected, Path.GetFullPath(DlibWeights.DefaultDirectory!));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DlibWeights.ModelDirectoryVariable, previous);
        }
    }

    [Fact]
    public void LoadingFromAConfiguredFolderThatIsMissingSaysHowToFixIt()
    {
        var previous = Environment.GetEnvironmentVariable(DlibWeights.ModelDirectoryVariable);
        try
        {
            var missing = Path.Combine(Path.GetTempPath(), $"facekd-no-dlib-{Guid.NewGuid():N}");
            Environment.SetEnvironmentVariable(DlibWeights.ModelDirectoryVariable, missing);

            var error = Assert.Throws<DirectoryNotFoundException>(DlibWeights.LoadDefault);

            Assert.Contains(missing, error.Message);
            Assert.Contains(DlibWeights.ModelDirectoryVariable, error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DlibWeights.ModelDirectoryVariable, previous);
        }
    }
}
