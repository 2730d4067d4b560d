namespace FaceKdGrid.Grains.Sweeps;

public enum SubmitOutcome
{
    /// <summary>A new sweep was created and scheduling began.</summary>
    Created,

    /// <summary>The same spec was already submitted under this id: nothing changed.</summary>
    AlreadySubmitted,

    /// <summary>The spec is invalid: nothing was submitted.</summary>
    Rejected,

    /// <summary>Another spec already runs (or ran) under this id: nothing changed.</summary>
    Conflict,
}
