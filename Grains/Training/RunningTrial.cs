using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// One attempt holding a slot of the <see cref="SlotTable"/>, which creates it, cancels it and ends it; the
/// <see cref="TrialRunner"/> runs it.
/// </summary>
public sealed class RunningTrial
{
    private readonly CancellationTokenSource cancellation;
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunningTrial(TrialAssignment assignment, CancellationToken stopping)
    {
        Assignment = assignment;
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Cancellation = cancellation.Token;
    }

    public TrialAssignment Assignment { get; }

    /// <summary>Fires when the trial is cancelled, handed off, or the silo stops.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Cancelled by a drain, to resume elsewhere: reported as cancelled even while the silo stops.</summary>
    public bool HandedOff { get; private set; }

    /// <summary>Done once the trial holds nothing here: its slot is free and its outcome reported.</summary>
    public Task Completion => completion.Task;

    // The table calls these under its lock, so none runs after Release has disposed the source.
    internal void Cancel() => cancellation.Cancel();

    internal void HandOff()
    {
        HandedOff = true;
        cancellation.Cancel();
    }

    // Once the slot is released nothing cancels the trial; its token stays readable.
    internal void DisposeCancellation() => cancellation.Dispose();

    internal void Complete() => completion.TrySetResult();
}
