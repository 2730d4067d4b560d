namespace FaceKdGrid.Client.Cli;

/// <summary>What the facekd process returns.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (a sweep completed).</summary>
    public const int Done = 0;

    /// <summary>The work failed: the sweep failed or was cancelled, a drain did not finish, face detection failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an invalid spec, an unknown id, a bad option; nothing was changed.</summary>
    public const int BadInput = 2;
}
