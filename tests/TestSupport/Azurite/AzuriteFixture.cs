using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Xunit;

namespace FaceKdGrid.TestSupport.Azurite;

/// <summary>
/// A private Azurite (the real Azure Storage emulator, from tools/node_modules) for tests: its own process on free
/// loopback ports, keeping its data in a temporary folder. <see cref="StopAsync"/> and <see cref="StartAsync"/>
/// simulate a storage outage while keeping the data; dispose kills the process tree and deletes the folder.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's published key: not a secret, but a stand-in for one in leak tests.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("facekd-azurite-").FullName;
    private readonly ConcurrentQueue<string> recentOutput = new();
    private Process? process;

    public AzuriteFixture()
    {
        (BlobPort, QueuePort, TablePort) = FreeLoopbackPorts();
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The explicit devstoreaccount1 connection string with this instance's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public bool IsRunning => process is { HasExited: false };

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
            process = null;
        }
        Directory.Delete(dataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Starts Azurite on this fixture's ports and folder and returns once all three services accept connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is already running");
        }
        var start = new ProcessStartInfo(AzuriteBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }
        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilListeningAsync(process);
    }

    /// <summary>Stops Azurite the way an operator would (SIGTERM, so it saves its metadata) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }
        if (Kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"could not signal Azurite (errno {Marshal.GetLastPInvokeError()})");
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string AzuriteBinary()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "tools", "package.json")))
            {
                var binary = Path.Combine(folder.FullName, "tools", "node_modules", ".bin", "azurite");
                Assert.True(File.Exists(binary), $"'{binary}' is missing: run `npm ci --prefix tools` in the repository root first");
                return binary;
            }
        }
        throw new DirectoryNotFoundException($"no tools/package.json above '{AppContext.BaseDirectory}'");
    }

    /// <summary>Three distinct ports the system had free a moment ago (held together so they differ).</summary>
    private static (int Blob, int Queue, int Table) FreeLoopbackPorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static async Task<bool> AcceptsConnectionAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport, whose generated code would need unsafe blocks in the test project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);

    private async Task WaitUntilListeningAsync(Process started)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await AcceptsConnectionAsync(BlobPort) && await AcceptsConnectionAsync(QueuePort) && await AcceptsConnectionAsync(TablePort)))
        {
            if (started.HasExited || deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"Azurite did not start listening on ports {BlobPort}/{QueuePort}/{TablePort} within {StartTimeout.TotalSeconds} s " +
                    $"(exited: {started.HasExited}); its last output:\n{string.Join('\n', recentOutput)}");
            }
            await Task.Delay(100);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        recentOutput.Enqueue(line);
        if (recentOutput.Count > 40)
        {
            recentOutput.TryDequeue(out _);
        }
    }
}
