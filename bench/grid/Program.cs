using System.CommandLine;
using FaceKdGrid.Bench.Grid;

// The grid-overhead benchmark (DESIGN: Ray Tune's bookkeeping test ran 10,000 one-second trials on 16 slots in
// 715 s against an ideal 625 s, +14%): the same shape through a real silo with no-op trials.
var trials = new Option<int>("--trials") { Description = "no-op trials in the sweep", DefaultValueFactory = _ => 800 };
var slots = new Option<int>("--slots") { Description = "trial slots on the silo", DefaultValueFactory = _ => 16 };
var seconds = new Option<double>("--seconds") { Description = "duration of each trial (all its epochs)", DefaultValueFactory = _ => 1.0 };
var epochs = new Option<int>("--epochs") { Description = "epochs each trial reports", DefaultValueFactory = _ => 1 };
var asha = new Option<bool>("--asha") { Description = "schedule with ASHA (grace period 1, reduction factor 2)" };
var root = new RootCommand("FaceKdGrid grid-overhead benchmark: no-op trials through a real silo") { trials, slots, seconds, epochs, asha };
root.SetAction((parsed, cancellationToken) => GridOverheadBenchmark.RunAsync(
    new GridBenchSettings(parsed.GetValue(trials), parsed.GetValue(slots), TimeSpan.FromSeconds(parsed.GetValue(seconds)), parsed.GetValue(epochs), parsed.GetValue(asha)),
    cancellationToken));
return await root.Parse(args).InvokeAsync();
