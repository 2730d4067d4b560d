namespace FaceKdGrid.Silo.Web;

/// <summary>The sweep pages and their JSON API: what a silo's web host (and <c>facekd sweep run --web</c>) serves beside the dashboard.</summary>
public static class SweepWeb
{
    public static bool Serves(PathString path) => SweepApi.Serves(path) || SweepPages.Serves(path);

    /// <summary>Maps the API and the pages; they read the grid through the host's <see cref="IGrainFactory"/>.</summary>
    public static IEndpointRouteBuilder MapSweepWeb(this IEndpointRouteBuilder endpoints) => endpoints.MapSweepApi().MapSweepPages();
}
