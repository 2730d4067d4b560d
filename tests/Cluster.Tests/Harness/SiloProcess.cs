using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Xunit.Sdk;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// One silo process (<c>dotnet facekd-silo.dll</c>) configured through FACEKD_ environment variables, its standard
/// output and error captured to a log file. Disposing it kills it if it still runs.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logGate = new();
    private bool closed;

    private SiloProcess(string name, int siloPort, int gatewayPort, int healthPort, string logPath, Process process, StreamWriter log)
    {
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HealthPort = healthPort;
        LogPath = logPath;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HealthPort { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The exit code once the process ended (kept after disposal).</summary>
    public int? ExitCode { get; private set; }

    public string Worker => $"{Name}/cpu";

    /// <param name="settings">Configuration keys ("Cluster:SiloPort") and values, passed as FACEKD_ environment variables.</param>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> settings, string folder)
    {
        var ports = FreePorts.Take(3);
        var workingDirectory = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloBinary.Path);
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("FACEKD_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        var environment = new Dictionary<string, string>
        {
            ["Cluster:SiloName"] = name,
            ["Cluster:SiloPort"] = Text(ports[0]),
            ["Cluster:GatewayPort"] = Text(ports[1]),
            ["Dashboard:Enabled"] = "false",
            ["Dashboard:Port"] = Text(ports[2]),
            ["Training:CpuThreads"] = "1",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[$"FACEKD_{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }
        // Several silos share two cores: workstation GC keeps each one small.
        start.Environment["DOTNET_gcServer"] = "0";
        var logPath = Path.Combine(folder, $"{name}.log");
        var writer = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"silo {name} did not start");
        var silo = new SiloProcess(name, Port("Cluster:SiloPort"), Port("Cluster:GatewayPort"), ports[2], logPath, process, writer);
        process.OutputDataReceived += (_, line) => silo.Append(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;

        int Port(string key) => int.Parse(environment[key], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until /health/ready answers 200: the silo is active in its cluster and takes trials.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await IsReadyAsync())
        {
            if (process.HasExited || clock.Elapsed > timeout)
            {
                throw new XunitException($"silo {Name} was not ready within {timeout.TotalSeconds:0} s (exited: {process.HasExited}); its log ends:\n{Tail(40)}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL: the silo dies without a word, as with a lost machine.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as an orchestrator scaling down sends it.</summary>
    public void Terminate()
    {
        if (SendSignal(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"could not signal silo {Name} (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"silo {Name} still ran {timeout.TotalSeconds:0} s later; its log ends:\n{Tail(40)}");
        }
        return process.ExitCode;
    }

    public string ReadLog()
    {
        lock (logGate)
        {
            return File.ReadAllText(LogPath);
        }
    }

    public string Tail(int lines) => string.Join('\n', ReadLog().Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        ExitCode = process.ExitCode;
        process.Dispose();
        lock (logGate)
        {
            closed = true;
            log.Dispose();
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    // DllImport rather than LibraryImport, whose generated code would need unsafe blocks in the test project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort}/health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (logGate)
        {
            if (!closed)
            {
                log.WriteLine(line);
            }
        }
    }
}
