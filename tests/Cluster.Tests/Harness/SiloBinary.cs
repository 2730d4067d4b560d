namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>facekd-silo.dll in the Silo project's build output.</summary>
internal static class SiloBinary
{
    private static readonly Lazy<string> Located = new(() => BuildOutput.Of("Silo", "facekd-silo.dll"));

    public static string Path => Located.Value;
}
