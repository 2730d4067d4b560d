namespace FaceKdGrid.Grains.Specs;

/// <summary>How one search-space key gets its value in each trial (Ray Tune's vocabulary).</summary>
public enum SearchDomainKind
{
    /// <summary>One value in every trial.</summary>
    Fixed,

    /// <summary>Every listed value, crossed with the other grid keys.</summary>
    Grid,

    /// <summary>One listed value drawn at random per sample.</summary>
    Choice,

    /// <summary>A real drawn uniformly from [low, high].</summary>
    Uniform,

    /// <summary>A positive real whose logarithm is drawn uniformly from [log low, log high].</summary>
    LogUniform,

    /// <summary>An integer drawn uniformly from [low, high), as Ray Tune's randint.</summary>
    RandInt,
}
