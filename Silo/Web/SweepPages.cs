namespace FaceKdGrid.Silo.Web;

/// <summary>
/// The sweep pages: <c>/sweeps</c> lists the sweeps, <c>/sweeps/{id}</c> follows one (its trials, the Pareto plot and
/// the epoch curves), both refreshing themselves from <see cref="SweepApi"/>. Plain HTML, JavaScript and inline SVG,
/// embedded in this assembly (<see cref="PageAssets"/>): nothing is fetched from elsewhere.
/// </summary>
public static class SweepPages
{
    public const string Prefix = "/sweeps";

    public static bool Serves(PathString path) => path.StartsWithSegments(Prefix);

    public static IEndpointRouteBuilder MapSweepPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix, () => PageAssets.Result("sweeps.html"));
        endpoints.MapGet($"{Prefix}/{{id}}", (string id) => PageAssets.Result("sweep.html"));
        endpoints.MapGet($"{Prefix}/{PageAssets.Folder}/{{file}}", (string file) => PageAssets.Result(file));
        return endpoints;
    }
}
