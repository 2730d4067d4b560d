using FaceKdGrid.Bench;

return await BenchCommands.Create().Parse(args).InvokeAsync();
