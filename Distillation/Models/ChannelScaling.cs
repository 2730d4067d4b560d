namespace FaceKdGrid.Distillation.Models;

/// <summary>How width and depth multipliers turn a reference architecture's sizes into a scaled one.</summary>
internal static class ChannelScaling
{
    private const int ChannelMultiple = 8;

    /// <summary>
    /// <paramref name="channels"/> x <paramref name="width"/>, rounded to the nearest multiple of 8 (at least 8),
    /// so scaled layers keep kernel-friendly sizes.
    /// </summary>
    public static int ScaleChannels(int channels, double width)
    {
        var multiples = (int)Math.Round(channels * width / ChannelMultiple, MidpointRounding.AwayFromZero);
        return Math.Max(1, multiples) * ChannelMultiple;
    }

    /// <summary><paramref name="repeats"/> x <paramref name="depth"/>, rounded, at least 1.</summary>
    public static int ScaleRepeats(int repeats, double depth)
    {
        return Math.Max(1, (int)Math.Round(repeats * depth, MidpointRounding.AwayFromZero));
    }
}
