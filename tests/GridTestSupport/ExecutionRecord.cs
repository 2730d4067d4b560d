using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.GridTestSupport;

/// <summary>One attempt the fake executor ran, and how it ended.</summary>
public sealed record ExecutionRecord(TrialAssignment Assignment, string Ending, int LastEpoch);
