using Xunit;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

/// <summary>
/// A fact that needs face-api's Node package (tools/node_modules) and node itself; skipped, saying how to install it,
/// only where tools/node_modules is absent (CI installs it, so there it always runs).
/// </summary>
public sealed class FaceApiInstalledFactAttribute : FactAttribute
{
    public FaceApiInstalledFactAttribute()
    {
        if (FaceApiPackage.Directory is null)
        {
            Skip = "tools/node_modules/@vladmandic/face-api is absent: run `npm ci --prefix tools` in the repository root";
        }
    }
}
