using System.CommandLine;
using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Grains.Workers;
using Orleans.Runtime;
using Spectre.Console;

namespace FaceKdGrid.Client.Commands;

/// <summary>facekd cluster status: silos, workers, slots and running trials.</summary>
public sealed class ClusterCommands(CliContext context, ConnectionOptions connection)
{
    public Command Build()
    {
        var status = new Command("status", "silos, workers, slots and the trials running on them");
        status.SetAction((parseResult, cancellationToken) => FacekdApp.GuardAsync(context.Messages, async () =>
        {
            await using var grid = await connection.ConnectAsync(parseResult, cancellationToken);
            var hosts = await grid.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
            var silos = new Table().Title("silos").AddColumns("name", "address", "status", "started");
            foreach (var host in hosts)
            {
                silos.AddRow(Markup.Escape(host.SiloName), Markup.Escape(host.SiloAddress.ToString()), host.Status.ToString(), host.StartTime.ToString("u", CultureInfo.InvariantCulture));
            }
            context.Console.Write(silos);

            var workers = await grid.Grains.GetGrain<IWorkerRegistryGrain>(0).GetWorkersAsync();
            var table = new Table().Title("workers").AddColumns("worker", "alive", "draining", "slots", "free", "running trials", "last heartbeat");
            foreach (var worker in workers)
            {
                table.AddRow(
                    new Text(worker.WorkerId),
                    new Text(worker.IsAlive ? "yes" : "no"),
                    new Text(worker.Heartbeat.Draining ? "yes" : "no"),
                    new Text(worker.Heartbeat.Slots.ToString(CultureInfo.InvariantCulture)),
                    new Text(worker.FreeSlots.ToString(CultureInfo.InvariantCulture)),
                    new Text(string.Join(", ", worker.Heartbeat.Running)),
                    new Text(worker.LastSeen.ToString("u", CultureInfo.InvariantCulture)));
            }
            context.Console.Write(table);
            context.Console.MarkupLine($"{workers.Count(worker => worker.IsAlive)} live workers, {workers.Where(worker => worker.IsAlive).Sum(worker => worker.FreeSlots)} free of {workers.Where(worker => worker.IsAlive).Sum(worker => worker.Heartbeat.Slots)} slots");
            return ExitCodes.Done;
        }));
        var cluster = new Command("cluster", "inspect the cluster");
        cluster.Subcommands.Add(status);
        return cluster;
    }
}
