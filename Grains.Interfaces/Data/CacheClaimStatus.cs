namespace FaceKdGrid.Grains.Data;

public enum CacheClaimStatus
{
    /// <summary>Computed already: read it from the location.</summary>
    Ready,

    /// <summary>The caller holds the claim: compute it, then complete (or abandon) it before the lease ends.</summary>
    Granted,

    /// <summary>Another caller is computing it: wait, then claim again.</summary>
    Busy,
}
