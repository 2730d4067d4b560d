using System.Net;
using System.Security.Cryptography;
using System.Text;
using FaceKdGrid.Silo.Configuration;
using FaceKdGrid.Silo.Health;

namespace FaceKdGrid.Silo.Web;

/// <summary>
/// Who may read the silo's web host. With <c>Dashboard:AccessToken</c> set, every request but the health probes must
/// carry it, as <c>Authorization: Bearer TOKEN</c> or as the cookie that opening any page once with <c>?token=TOKEN</c>
/// sets (the page's own requests then carry it). Without a token, a host bound to loopback is open, and one bound
/// beyond it answers the sweep pages and API with 401 naming the setting; the Orleans dashboard and the probes answer as
/// before there (the container images bind 0.0.0.0 and publish the port on the host's loopback only).
/// </summary>
public static partial class WebAccess
{
    public const string QueryParameter = "token";

    public const string Cookie = "facekd_token";

    private const string Setting = $"{DashboardSettings.Section}:{nameof(DashboardSettings.AccessToken)}";

    private const string BearerPrefix = "Bearer ";

    /// <summary>Whether the web host's bind address reaches no further than this machine.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Checks every request against the settings' token before it reaches an endpoint.</summary>
    public static WebApplication UseWebAccess(this WebApplication app, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        var token = string.IsNullOrEmpty(settings.AccessToken) ? null : Encoding.UTF8.GetBytes(settings.AccessToken);
        var loopback = IsLoopback(settings.Host);
        if (token is null && !loopback)
        {
            LogSweepsClosed(app.Logger, settings.Host, Setting);
        }
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(HealthEndpoints.Prefix))
            {
                await next(context);
            }
            else if (token is null)
            {
                if (loopback || !SweepWeb.Serves(path))
                {
                    await next(context);
                }
                else
                {
                    await RefuseAsync(context, $"this silo's web host is bound beyond loopback ({DashboardSettings.Section}:Host={settings.Host}) without an access token: " +
                        $"set {Setting} (FACEKD_{DashboardSettings.Section}__{nameof(DashboardSettings.AccessToken)}) to read sweeps here");
                }
            }
            else if (context.Request.Query.TryGetValue(QueryParameter, out var offered))
            {
                if (Matches(offered.ToString(), token))
                {
                    // Once in the cookie, the token leaves the address bar (and the browser's history).
                    context.Response.Cookies.Append(Cookie, offered.ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                    context.Response.Redirect(path + QueryString.Create(context.Request.Query.Where(pair => pair.Key != QueryParameter)));
                }
                else
                {
                    await RefuseAsync(context, $"the ?{QueryParameter}= given is not this silo's access token");
                }
            }
            else if (Matches(Bearer(context.Request), token) || Matches(context.Request.Cookies[Cookie], token))
            {
                await next(context);
            }
            else
            {
                await RefuseAsync(context, $"an access token is required: send 'Authorization: Bearer TOKEN', or open the page once with ?{QueryParameter}=TOKEN");
            }
        });
        return app;
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the token.</summary>
    private static bool Matches(string? offered, byte[] token) =>
        offered is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), token);

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return SweepApi.Serves(context.Request.Path)
            ? SweepApi.WriteErrorAsync(context.Response, reason)
            : context.Response.WriteAsync(reason);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "The web host is bound to {Host}, beyond loopback, without {Setting}: the sweep pages and API answer 401 until one is set")]
    private static partial void LogSweepsClosed(ILogger logger, string host, string setting);
}
