using FaceKdGrid.Client.Cli;

return await new FacekdApp(CliContext.ForConsole()).RunAsync(args);
