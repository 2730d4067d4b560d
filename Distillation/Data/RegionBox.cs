namespace FaceKdGrid.Distillation.Data;

/// <summary>A rectangle in fractions of the aligned crop's side: [Left, Right) x [Top, Bottom).</summary>
public readonly record struct RegionBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    /// <summary>The same box scaled about its centre by <paramref name="factor"/>, clipped to the crop.</summary>
    public RegionBox Scaled(double factor)
    {
        var cx = (Left + Right) / 2;
        var cy = (Top + Bottom) / 2;
        var hw = Width * factor / 2;
        var hh = Height * factor / 2;
        return new RegionBox(Math.Max(0, cx - hw), Math.Max(0, cy - hh), Math.Min(1, cx + hw), Math.Min(1, cy + hh));
    }

    /// <summary>Pixel bounds [x0, x1) x [y0, y1) on a crop of <paramref name="size"/> pixels; never empty.</summary>
    public (int X0, int Y0, int X1, int Y1) ToPixels(int size)
    {
        var x0 = Math.Clamp((int)Math.Round(Left * size), 0, size - 1);
        var y0 = Math.Clamp((int)Math.Round(Top * size), 0, size - 1);
        var x1 = Math.Clamp((int)Math.Round(Right * size), x0 + 1, size);
        var y1 = Math.Clamp((int)Math.Round(Bottom * size), y0 + 1, size);
        return (x0, y0, x1, y1);
    }
}
