namespace FaceKdGrid.Distillation.Synth;

/// <summary>A linear RGB colour (or per-channel gain) with channels nominally in [0, 1].</summary>
internal readonly record struct Rgb(double R, double G, double B)
{
    public static Rgb Grey(double level) => new(level, level, level);

    public Rgb Lerp(Rgb other, double t) => new(R + (other.R - R) * t, G + (other.G - G) * t, B + (other.B - B) * t);

    public Rgb Times(Rgb gain) => new(R * gain.R, G * gain.G, B * gain.B);

    public Rgb Times(double gain) => new(R * gain, G * gain, B * gain);
}
