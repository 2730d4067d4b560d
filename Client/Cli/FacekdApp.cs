using System.CommandLine;
using FaceKdGrid.Client.Commands;
using Spectre.Console;

namespace FaceKdGrid.Client.Cli;

/// <summary>
/// The facekd command line: sweep run|submit|watch|status|results|list|cancel|logs|retry|extend|export, trial show|export, cluster status|drain,
/// data synth|ingest|list, embed, evaluate.
/// Exit codes: 0 done, 1 sweep failed (or cancelled), 2 bad input.
/// </summary>
public sealed class FacekdApp(CliContext context)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var connection = new ConnectionOptions(context.Messages);
        var root = new RootCommand("FaceKdGrid: knowledge-distillation sweeps for face recognition on an Orleans grid");
        foreach (var option in connection.All)
        {
            root.Options.Add(option);
        }
        root.Subcommands.Add(new SweepCommands(context, connection).Build());
        root.Subcommands.Add(new TrialCommands(context, connection).Build());
        root.Subcommands.Add(new ClusterCommands(context, connection).Build());
        root.Subcommands.Add(new DataCommands(context).Build());
        root.Subcommands.Add(new EmbedCommand(context, connection).Build());
        root.Subcommands.Add(new EvaluateCommand(context, connection).Build());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Messages.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            }
            context.Messages.MarkupLine("Run [bold]facekd --help[/] for usage.");
            return ExitCodes.BadInput;
        }
        var configuration = new InvocationConfiguration { Output = context.Console.Profile.Out.Writer, Error = context.Messages.Profile.Out.Writer };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Runs a command body, turning bad input (and corrupt stored data) into exit code 2 with its message on <paramref name="messages"/>.</summary>
    public static async Task<int> GuardAsync(IAnsiConsole messages, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (BadInputException error)
        {
            messages.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception error) when (Corruption(error) is { } corrupt)
        {
            // Stored data the grid cannot read (a damaged grain state file under .facekd/, say): the message names it, the
            // file is left as it is, and only the user can repair or remove it.
            messages.MarkupLine($"[red]error:[/] {Markup.Escape(corrupt.Message)}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The corrupt-data error behind <paramref name="error"/> (a grain call wraps its storage's in its own), if any.</summary>
    private static InvalidDataException? Corruption(Exception? error) => error switch
    {
        null => null,
        InvalidDataException corrupt => corrupt,
        _ => Corruption(error.InnerException),
    };
}
