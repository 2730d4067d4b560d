namespace FaceKdGrid.Grains.Specs;

/// <summary>A trial trains either the sweep's teacher (once, first) or one student.</summary>
public enum TrialKind
{
    Teacher,
    Student,
}
