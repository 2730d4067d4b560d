namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// One trial, keyed <c>{sweep}/{trial}</c>: its parameters, its <see cref="TrialLifecycle"/>, epoch curve, checkpoint
/// and final metrics. Persisted. It owns the trial's lifecycle; the coordinator and the training runtime change it
/// through the grains' own <c>IExperimentLifecycleGrain</c>, so this interface, the clients', only reads.
/// </summary>
[Alias("fkd.IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<TrialSnapshot> GetAsync();
}
