namespace FaceKdGrid.Grains.Trials;

/// <summary>The experiment grain key of a trial: <c>{sweep}/{trial}</c>.</summary>
public static class TrialKeys
{
    public static string Of(string sweepId, string trialId) => $"{sweepId}/{trialId}";

    /// <summary>Splits <c>{sweep}/{trial}</c>; sweep and trial ids never contain '/'.</summary>
    public static (string SweepId, string TrialId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a trial key of the form sweep/trial", nameof(key));
        }
        return (key[..slash], key[(slash + 1)..]);
    }
}
