using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FaceKdGrid.Grid.Tests.Engine;

/// <summary>A silo's <see cref="CacheClaims"/> as a test builds it: its own claimant over the cluster's grains, with a short lease.</summary>
internal static class TestCacheClaims
{
    public static CacheClaims Create(IGrainFactory grains, TimeSpan lease)
    {
        var options = Options.Create(new GridTimingOptions { CacheClaimLease = lease });
        return new CacheClaims(grains, new GridCallResilience(options, NullLogger<GridCallResilience>.Instance), options);
    }
}
