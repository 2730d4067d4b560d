using FaceKdGrid.Silo;
using FaceKdGrid.Silo.Configuration;
using Orleans.Dashboard;

// Configuration: appsettings.json, FACEKD_-prefixed environment variables (FACEKD_Cluster__SiloPort) and the command line.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables("FACEKD_");
var dashboard = builder.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new DashboardSettings();
builder.AddFaceKdGridSilo(silo =>
{
    if (dashboard.Enabled)
    {
        silo.AddDashboard();
    }
});
builder.WebHost.UseUrls($"http://{dashboard.Host}:{dashboard.Port}");
var app = builder.Build();
if (dashboard.Enabled)
{
    app.MapOrleansDashboard();
}
await app.RunAsync();
