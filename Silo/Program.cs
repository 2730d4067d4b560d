using FaceKdGrid.Silo;
using FaceKdGrid.Silo.Configuration;
using FaceKdGrid.Silo.Health;
using FaceKdGrid.Silo.Web;
using Orleans.Dashboard;

// Configuration, later sources winning: appsettings.json, FACEKD_-prefixed environment variables
// (FACEKD_Cluster__SiloPort), then the command line (--Cluster:SiloPort=11112).
// appsettings.json is read from beside the program, whichever folder the silo runs in.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("FACEKD_").AddCommandLine(args);
var dashboard = SettingsReader.Read<DashboardSettings>(builder.Configuration, DashboardSettings.Section);
builder.AddFaceKdGridSilo(silo =>
{
    if (dashboard.Enabled)
    {
        silo.AddDashboard();
    }
});
builder.Services.AddSiloHealthChecks();
builder.WebHost.UseUrls($"http://{dashboard.Host}:{SettingsReader.Port(dashboard.Port, "Dashboard:Port")}");
var app = builder.Build();
app.UseWebAccess(dashboard);
app.MapSiloHealth();
app.MapSweepWeb();
if (dashboard.Enabled)
{
    app.MapOrleansDashboard();
}
await app.RunAsync();
