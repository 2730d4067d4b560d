namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// A 2-D similarity transform (rotation, uniform scale, translation) in image coordinates (x right, y down):
/// x' = Scale (cos Angle x - sin Angle y) + OffsetX, y' = Scale (sin Angle x + cos Angle y) + OffsetY.
/// A positive <see cref="Angle"/> (radians) turns clockwise on screen.
/// </summary>
public readonly record struct SimilarityTransform(double Scale, double Angle, double OffsetX, double OffsetY)
{
    public (double X, double Y) Apply((double X, double Y) point)
    {
        var (cos, sin) = (Scale * Math.Cos(Angle), Scale * Math.Sin(Angle));
        return (cos * point.X - sin * point.Y + OffsetX, sin * point.X + cos * point.Y + OffsetY);
    }

    /// <summary>The transform that undoes this one (scale 1 / Scale, angle -Angle).</summary>
    public SimilarityTransform Inverse()
    {
        var (cos, sin) = (Math.Cos(Angle) / Scale, Math.Sin(Angle) / Scale);
        // x = R(-Angle) (x' - offset) / Scale
        return new SimilarityTransform(1 / Scale, -Angle, -(cos * OffsetX + sin * OffsetY), -(-sin * OffsetX + cos * OffsetY));
    }

    /// <summary>
    /// The similarity transform that maps <paramref name="from"/> onto <paramref name="to"/> with the least sum of
    /// squared distances (closed form; no reflection).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two points, counts differ, or the <paramref name="from"/> points all coincide.</exception>
    public static SimilarityTransform Fit(IReadOnlyList<(double X, double Y)> from, IReadOnlyList<(double X, double Y)> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count < 2)
        {
            throw new ArgumentException($"need at least two points to fit a similarity transform; got {from.Count}", nameof(from));
        }
        if (to.Count != from.Count)
        {
            throw new ArgumentException($"need one target point per source point ({from.Count}); got {to.Count}", nameof(to));
        }
        var (fromX, fromY) = (from.Average(p => p.X), from.Average(p => p.Y));
        var (toX, toY) = (to.Average(p => p.X), to.Average(p => p.Y));
        // With both sets centred, the best s*cos and s*sin are the dot and cross sums over the source's spread.
        double dot = 0, cross = 0, spread = 0;
        for (var i = 0; i < from.Count; i++)
        {
            var (px, py) = (from[i].X - fromX, from[i].Y - fromY);
            var (qx, qy) = (to[i].X - toX, to[i].Y - toY);
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            spread += px * px + py * py;
        }
        if (spread < 1e-12)
        {
            throw new ArgumentException("the source points all coincide; no transform is defined", nameof(from));
        }
        var (cos, sin) = (dot / spread, cross / spread);
        return new SimilarityTransform(
            Math.Sqrt(cos * cos + sin * sin),
            Math.Atan2(sin, cos),
            toX - (cos * fromX - sin * fromY),
            toY - (sin * fromX + cos * fromY));
    }
}
