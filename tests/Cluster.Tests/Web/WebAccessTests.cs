using System.Net;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Silo.Web;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests.Web;

/// <summary>Who may read a silo's sweep pages and API: everyone on loopback, only a token's holders once one is set or the host reaches further.</summary>
[Trait("Category", "Cluster")]
public sealed class WebAccessTests(ITestOutputHelper output)
{
    private const string Token = "a-long-random-secret-for-this-test";

    [Fact]
    public async Task WithATokenEveryRequestButTheProbesMustCarryIt()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>());
        // Readiness answered without the token: the probes stay open.
        var silo = await cluster.StartSiloAsync("quebec", new Dictionary<string, string> { ["Dashboard:AccessToken"] = Token, ["Dashboard:Enabled"] = "true" });
        using var web = new SiloWeb(silo);

        // The Orleans dashboard ("/") too: the token guards the whole port.
        foreach (var path in new[] { "/api/sweeps", "/api/cluster", "/sweeps", "/sweeps/any", "/sweeps/assets/sweep.js", "/" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await web.GetAsync(path)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await web.GetAsync(path, bearer: "not-the-token")).Status);
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync(path, bearer: Token)).Status);
        }
        var refused = await web.GetAsync("/api/sweeps");
        Assert.Contains("Authorization: Bearer", SiloWeb.Error(refused.Body), StringComparison.Ordinal);

        // A browser opens a page once with ?token=: the token moves into a cookie and out of the address.
        var opened = await web.GetAsync($"/sweeps?{WebAccess.QueryParameter}={Token}");
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Equal("/sweeps", opened.Headers.Location?.OriginalString);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{WebAccess.Cookie}={Token};", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/api/sweeps", cookie: $"{WebAccess.Cookie}={Token}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.GetAsync($"/sweeps?{WebAccess.QueryParameter}=wrong")).Status);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/health/live")).Status);
    }

    [Fact]
    public async Task BoundBeyondLoopbackWithoutATokenTheSweepsAnswer401NamingTheSetting()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>());
        var silo = await cluster.StartSiloAsync("romeo", new Dictionary<string, string> { ["Dashboard:Host"] = "0.0.0.0" });
        using var web = new SiloWeb(silo);

        foreach (var path in new[] { "/api/sweeps", "/sweeps" })
        {
            var (status, body, _) = await web.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("Dashboard:AccessToken", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/health/ready")).Status);
        Assert.Contains("beyond loopback, without Dashboard:AccessToken", silo.ReadLog(), StringComparison.Ordinal);
    }
}
