using Xunit;

// Each test starts several processes on a two-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
