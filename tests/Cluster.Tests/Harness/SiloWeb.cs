using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>Plain HTTP requests to a silo's web host (the dashboard port), redirects and cookies left to the test.</summary>
internal sealed class SiloWeb(SiloProcess silo) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Url(string path) => new($"http://127.0.0.1:{silo.HealthPort}{path}");

    /// <summary>GET <paramref name="path"/>, with a bearer token and a cookie header when given.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)> GetAsync(string path, string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    /// <summary>The <c>error</c> of an API error document.</summary>
    public static string Error(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetString()!;
    }

    public void Dispose() => http.Dispose();
}
