using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Connection;
using Xunit;

namespace FaceKdGrid.Client.Tests.ClientLibrary;

/// <summary>A program that cannot connect learns which gateway and why, as a kind it can act on.</summary>
public sealed class GridClientConnectTests
{
    [Theory]
    [InlineData(new string[0], GridConnectFailure.InvalidGateway, "no gateway given")]
    [InlineData(new[] { "nowhere" }, GridConnectFailure.InvalidGateway, "'nowhere' is not HOST:PORT (e.g. localhost:30000)")]
    [InlineData(new[] { "localhost:70000" }, GridConnectFailure.InvalidGateway, "'localhost:70000' is not HOST:PORT")]
    [InlineData(new[] { "127.0.0.1:1" }, GridConnectFailure.Unreachable, "cannot reach a FaceKdGrid cluster with id 'lab-7' at 127.0.0.1:1 (")]
    public async Task ABadGatewayOrNoClusterIsAnErrorThatSaysWhich(string[] gateways, GridConnectFailure failure, string message)
    {
        var options = new GridClientOptions { Gateways = gateways, ClusterId = "lab-7", ConnectTimeout = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<GridConnectException>(() => GridClient.ConnectAsync(options));

        Assert.Equal(failure, error.Failure);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
