using System.Text;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.Silo.Web;

/// <summary>
/// The read-only JSON API under <c>/api</c>: each document is the one <c>facekd ... --format json</c> prints (the views
/// in ClientLibrary/Output), so a script can read either. An unknown sweep or trial answers 404 with
/// <c>{ "error": "..." }</c> naming it. Every answer is current: none is cached. It asks as any client does, through
/// <see cref="GridClient"/> over the silo's own grain factory.
/// </summary>
public static class SweepApi
{
    public const string Prefix = "/api";

    public static bool Serves(PathString path) => path.StartsWithSegments(Prefix);

    public static IEndpointRouteBuilder MapSweepApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        api.MapGet("/sweeps", ListAsync);
        api.MapGet("/sweeps/{id}", StatusAsync);
        api.MapGet("/sweeps/{id}/results", ResultsAsync);
        api.MapGet("/sweeps/{id}/trials/{trial}", TrialAsync);
        api.MapGet("/cluster", ClusterAsync);
        api.MapGet("/{**path}", (string path) => Error(StatusCodes.Status404NotFound,
            $"no API path '{Prefix}/{path}'; there are {Prefix}/sweeps, {Prefix}/sweeps/ID, {Prefix}/sweeps/ID/results, {Prefix}/sweeps/ID/trials/TRIAL and {Prefix}/cluster"));
        return endpoints;
    }

    /// <summary>Writes <c>{ "error": reason }</c> with the response's status as it is.</summary>
    public static Task WriteErrorAsync(HttpResponse response, string reason)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.ContentType = JsonType;
        return response.WriteAsync(ErrorDocument(reason));
    }

    private const string JsonType = "application/json; charset=utf-8";

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        Json(SweepListJson.Serialize(await GridClient.Over(grains).ListSweepsAsync()));

    private static async Task<IResult> StatusAsync(string id, IGrainFactory grains)
    {
        var status = await GridClient.Over(grains).GetSweepStatusAsync(id);
        return status.Status == SweepStatus.Unknown ? NoSweep(id) : Json(SweepStatusJson.Serialize(status));
    }

    private static async Task<IResult> ResultsAsync(string id, IGrainFactory grains)
    {
        var results = await GridClient.Over(grains).GetSweepResultsAsync(id);
        return results.Status == SweepStatus.Unknown ? NoSweep(id) : Json(ResultsJson.Serialize(results));
    }

    private static async Task<IResult> TrialAsync(string id, string trial, IGrainFactory grains)
    {
        var key = TrialKeys.Of(id, trial);
        // Ids are identifiers; anything else cannot name a trial, and no grain is woken for it.
        if (!SweepSpecValidator.IsIdentifier(id) || !SweepSpecValidator.IsIdentifier(trial))
        {
            return Error(StatusCodes.Status404NotFound, $"no trial '{key}'");
        }
        var snapshot = await GridClient.Over(grains).GetTrialAsync(id, trial);
        return snapshot.Exists
            ? Json(TrialJson.Serialize(snapshot))
            : Error(StatusCodes.Status404NotFound, $"no trial '{key}'; {Prefix}/sweeps/{id} lists the sweep's trials");
    }

    private static async Task<IResult> ClusterAsync(IGrainFactory grains)
    {
        var cluster = await GridClient.Over(grains).GetClusterStatusAsync();
        return Json(ClusterStatusJson.Serialize(cluster.Silos, cluster.Workers));
    }

    private static IResult NoSweep(string id) =>
        Error(StatusCodes.Status404NotFound, $"no sweep '{id}' was submitted to this cluster; {Prefix}/sweeps lists those that were");

    private static IResult Json(string document) => Results.Text(document, JsonType, Encoding.UTF8);

    private static IResult Error(int status, string reason) => Results.Text(ErrorDocument(reason), JsonType, Encoding.UTF8, status);

    private static string ErrorDocument(string reason) => JsonOutput.Serialize(new { error = reason });
}
