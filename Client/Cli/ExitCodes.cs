namespace FaceKdGrid.Client.Cli;

/// <summary>What the facekd process returns.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (a sweep completed).</summary>
    public const int Done = 0;

    /// <summary>The sweep failed or was cancelled.</summary>
    public const int SweepFailed = 1;

    /// <summary>Bad input: an invalid spec, an unknown id, a bad option; nothing was changed.</summary>
    public const int BadInput = 2;
}
