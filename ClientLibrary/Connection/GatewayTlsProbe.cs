using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FaceKdGrid.ClientLibrary.Security;

namespace FaceKdGrid.ClientLibrary.Connection;

/// <summary>
/// After a failed connection, one bare TLS handshake with the gateway tells whether TLS was the reason: a plain client
/// meeting a TLS gateway, a gateway certificate this client does not trust, or this client's certificate refused. The
/// Orleans client itself only sees the connection close.
/// </summary>
internal static class GatewayTlsProbe
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A gateway that accepted the handshake answers or waits; one that refused this client's certificate closes within this.</summary>
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Why TLS kept this client out, in words that say what to change; null when the gateway cannot be reached at all or
    /// TLS is not the problem. <paramref name="certificate"/> is null for a plain client; <paramref name="trust"/> null
    /// accepts any gateway certificate.
    /// </summary>
    public static async Task<string?> ExplainAsync(IPEndPoint gateway, X509Certificate2? certificate, PeerTrust? trust, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await tcp.ConnectAsync(gateway, timeout.Token);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        X509Certificate2? presented = null;
        var trusted = false;
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = gateway.Address.ToString(),
            ClientCertificates = certificate is null ? null : [certificate],
            RemoteCertificateValidationCallback = (_, remote, _, _) =>
            {
                presented = remote is null ? null : X509CertificateLoader.LoadCertificate(remote.GetRawCertData());
                trusted = presented is not null && (trust?.Accepts(presented) ?? true);
                return trusted;
            },
        };
        var refused = false;
        try
        {
            await tls.AuthenticateAsClientAsync(options, timeout.Token);
            // With TLS 1.3 the gateway checks this client's certificate after the handshake, and closes on one it refuses.
            using var refusal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            refusal.CancelAfter(RefusalTimeout);
            refused = await tls.ReadAsync(new byte[1], refusal.Token) == 0;
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            refused = trusted;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The gateway waits for the Orleans handshake: it accepted this client.
        }
        using (presented)
        {
            if (presented is null)
            {
                return certificate is null ? null : "the gateway does not answer a TLS handshake: is Tls:Enabled on for the silos?";
            }
            if (certificate is null)
            {
                return $"the gateway speaks TLS (its certificate: {TlsCertificates.Describe(presented)}): connect with a client certificate and the cluster's CA or pinned thumbprints (facekd: --tls-certificate PFX and --tls-ca CA-FILE or --tls-thumbprint)";
            }
            if (!trusted)
            {
                return $"the gateway's certificate ({TlsCertificates.Describe(presented)}) is neither issued by the CA this client trusts (facekd: --tls-ca) nor pinned (--tls-thumbprint)";
            }
            return refused
                ? $"the gateway refused this client's certificate ({TlsCertificates.Describe(certificate)}): the silos accept only certificates issued by their Tls:CaCertificatePath or pinned in Tls:AllowedThumbprints"
                : null;
        }
    }
}
