using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Output;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Workers;
using Spectre.Console;

namespace FaceKdGrid.Client.Commands;

/// <summary>facekd cluster status (silos, workers, slots and running trials) and facekd cluster drain SILO.</summary>
public sealed class ClusterCommands(CliContext context, ConnectionOptions connection)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly QueryFormatOption format = new();

    public Command Build()
    {
        var status = new Command("status", "silos, workers, slots and the trials running on them") { format.Option };
        status.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            await using var grid = await connection.ConnectAsync(parseResult, cancellationToken);
            var cluster = await grid.Client.GetClusterStatusAsync();
            if (format.IsJson(parseResult))
            {
                context.Console.Profile.Out.Writer.WriteLine(ClusterStatusJson.Serialize(cluster.Silos, cluster.Workers));
            }
            else
            {
                WriteTables(cluster, context.Console);
            }
            return ExitCodes.Done;
        }));
        var cluster = new Command("cluster", "inspect the cluster, drain a silo");
        cluster.Subcommands.Add(status);
        cluster.Subcommands.Add(Drain());
        return cluster;
    }

    private static void WriteTables(ClusterStatus cluster, IAnsiConsole console)
    {
        var silos = new Table().Title("silos").AddColumns("name", "address", "status", "started");
        foreach (var host in cluster.Silos)
        {
            silos.AddRow(Markup.Escape(host.SiloName), Markup.Escape(host.SiloAddress.ToString()), host.Status.ToString(), host.StartTime.ToString("u", CultureInfo.InvariantCulture));
        }
        console.Write(silos);

        var table = new Table().Title("workers").AddColumns("worker", "alive", "draining", "slots", "free", "running trials", "last heartbeat");
        foreach (var worker in cluster.Workers)
        {
            table.AddRow(
                new Text(worker.WorkerId),
                new Text(worker.IsAlive ? "yes" : "no"),
                new Text(worker.Heartbeat.Draining ? "yes" : "no"),
                new Text(worker.Heartbeat.Slots.ToString(CultureInfo.InvariantCulture)),
                new Text(worker.FreeSlots.ToString(CultureInfo.InvariantCulture)),
                new Text(string.Join(", ", worker.RunningTrials)),
                new Text(worker.LastSeen.ToString("u", CultureInfo.InvariantCulture)));
        }
        console.Write(table);
        var capacity = cluster.Capacity;
        console.MarkupLine($"{capacity.LiveWorkers} live workers, {capacity.FreeSlots} free of {capacity.Slots} slots");
    }

    /// <summary>
    /// Drains every worker of the silo: they take no new trials and hand off their running ones, which resume from
    /// their last checkpoint on other workers; the silo then leaves the cluster. Waits for it to leave unless told not to.
    /// </summary>
    private Command Drain()
    {
        var siloArgument = new Argument<string>("silo") { Description = "the silo's name (see 'facekd cluster status')" };
        var noWait = new Option<bool>("--no-wait") { Description = "return once the drain started instead of when the silo left" };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the silo to leave", DefaultValueFactory = _ => 120 };
        var command = new Command("drain", "hand off a silo's trials to other workers and let it leave the cluster") { siloArgument, noWait, timeout };
        command.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            var silo = parseResult.GetValue(siloArgument)!;
            var seconds = parseResult.GetValue(timeout);
            if (seconds < 1)
            {
                throw new BadInputException($"--timeout: {seconds} is not a positive number of seconds");
            }
            await using var grid = await connection.ConnectAsync(parseResult, cancellationToken);
            var workers = await grid.Client.DrainSiloAsync(silo);
            if (workers.Count == 0)
            {
                throw new BadInputException($"silo '{silo}' has no live workers; 'facekd cluster status' lists the silos");
            }
            var running = workers.Sum(worker => worker.RunningTrials.Count);
            context.Messages.MarkupLine($"Draining silo [bold]{Markup.Escape(silo)}[/]: {workers.Count} workers, {running} running trials handed off.");
            if (parseResult.GetValue(noWait))
            {
                return ExitCodes.Done;
            }
            var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
            while ((await grid.Client.GetClusterStatusAsync()).Silos.Any(host => host.SiloName == silo))
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    context.Messages.MarkupLine($"[red]error:[/] silo {Markup.Escape(silo)} still runs after {seconds} s; its workers take no new trials");
                    // The CLI's one failure code: what was asked did not happen.
                    return ExitCodes.Failed;
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
            context.Messages.MarkupLine($"Silo [bold]{Markup.Escape(silo)}[/] left the cluster.");
            return ExitCodes.Done;
        }));
        return command;
    }
}
