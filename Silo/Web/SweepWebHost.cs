using FaceKdGrid.Silo.Configuration;

namespace FaceKdGrid.Silo.Web;

/// <summary>
/// The sweep pages and API on a web host of their own over any grain factory: what <c>facekd sweep run --web PORT</c>
/// serves from its embedded silo (or cluster client), which has no web host. Bound to loopback only, so it needs no
/// token (<see cref="WebAccess"/>); it logs nothing, so the command's own output stays as it is.
/// </summary>
public static class SweepWebHost
{
    public static async Task<WebApplication> StartAsync(IGrainFactory grains, int port, CancellationToken cancellationToken)
    {
        var settings = new DashboardSettings { Port = port };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(grains);
        builder.WebHost.UseUrls($"http://{settings.Host}:{port}");
        var app = builder.Build();
        app.UseWebAccess(settings);
        app.MapSweepWeb();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }
}
