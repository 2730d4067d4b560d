using FaceKdGrid.Client.Cli;
using Spectre.Console;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>The facekd command line run in this process against a silo's gateway, its standard output captured.</summary>
internal static class FacekdRun
{
    public static async Task<(int ExitCode, string Output, string Messages)> QueryAsync(ProcessCluster cluster, SiloProcess gateway, params string[] args)
    {
        using var output = new StringWriter();
        using var messages = new StringWriter();
        var context = new CliContext { Console = Plain(output), Messages = Plain(messages) };
        string[] connection = ["--gateway", $"127.0.0.1:{gateway.GatewayPort}", "--cluster-id", cluster.ClusterId];
        var exit = await new FacekdApp(context).RunAsync([.. args, .. connection]);
        return (exit, output.ToString(), messages.ToString());
    }

    private static IAnsiConsole Plain(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });
}
