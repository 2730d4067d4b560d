using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// One <c>facekd</c> process (<c>dotnet facekd.dll ARGS</c>, the Client project's build output) in a working folder,
/// its standard output (results) and standard error (progress) captured. Disposing it kills it if it still runs.
/// </summary>
internal sealed class FacekdProcess : IDisposable
{
    private static readonly Lazy<string> Binary = new(() => BuildOutput.Of("Client", "facekd.dll"));

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder messages = new();
    private readonly Lock gate = new();

    private FacekdProcess(Process process) => this.process = process;

    /// <summary>Standard output so far: the results.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Standard error so far: progress lines (no terminal) and errors.</summary>
    public string Messages
    {
        get
        {
            lock (gate)
            {
                return messages.ToString();
            }
        }
    }

    public static FacekdProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Binary.Value);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // No cluster is named, so facekd runs an embedded silo over the working folder's .facekd/.
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("FACEKD_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_gcServer"] = "0";
        var facekd = new FacekdProcess(Process.Start(start) ?? throw new InvalidOperationException("facekd did not start"));
        facekd.process.OutputDataReceived += (_, line) => facekd.Append(facekd.output, line.Data);
        facekd.process.ErrorDataReceived += (_, line) => facekd.Append(facekd.messages, line.Data);
        facekd.process.BeginOutputReadLine();
        facekd.process.BeginErrorReadLine();
        return facekd;
    }

    /// <summary>Waits until standard error holds <paramref name="text"/>; fails if facekd ends or the time runs out first.</summary>
    public async Task WaitForMessageAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Messages.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || clock.Elapsed > timeout)
            {
                throw new XunitException($"facekd printed no '{text}' within {timeout.TotalSeconds:0} s (exited: {process.HasExited}); it printed:\n{Messages}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: facekd dies without a word, as with a crash or a lost machine.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"facekd still ran {timeout.TotalSeconds:0} s later; it printed:\n{Messages}");
        }
        // The asynchronous readers have seen the last lines once this returns.
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    private void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (gate)
        {
            text.AppendLine(line);
        }
    }
}
