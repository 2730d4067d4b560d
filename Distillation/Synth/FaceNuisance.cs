namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Everything about one image that is not the person: pose, expression, colour and light, occluders, background,
/// camera blur and noise. Drawn from the image's own random stream and the difficulty level.
/// </summary>
internal sealed record FaceNuisance
{
    /// <summary>Side of the coarse and fine random colour grids that become background blotches when upsampled.</summary>
    public const int CoarseGrid = 3;
    public const int FineGrid = 7;

    /// <summary>Side of the random grid that becomes uneven illumination.</summary>
    public const int LightGrid = 3;

    // Pose: rotation in radians; shifts in fractions of the side; scale and horizontal squash as factors; yaw in [-1, 1].
    public required double Rotation { get; init; }
    public required double ShiftX { get; init; }
    public required double ShiftY { get; init; }
    public required double Scale { get; init; }
    public required double Squash { get; init; }
    public required double Yaw { get; init; }

    // Expression, all dimensionless: smile lifts the mouth corners, 0 closes the mouth and opens the eyes fully.
    public required double Smile { get; init; }
    public required double MouthOpen { get; init; }
    public required double BrowRaise { get; init; }
    public required double EyeOpenness { get; init; }
    public required double GazeX { get; init; }
    public required double GazeY { get; init; }

    /// <summary>Shift of the skin tone along the dark-to-light axis, in units of the whole population's range.</summary>
    public required double SkinToneShift { get; init; }
    public required Rgb SkinGain { get; init; }
    public required Rgb HairGain { get; init; }
    public required Rgb Clothes { get; init; }
    public required Rgb Background { get; init; }
    public required float[] BackgroundCoarse { get; init; }
    public required float[] BackgroundFine { get; init; }
    public required double Clutter { get; init; }

    // Camera light and colour: the gradient and gain act on log intensity, hue in radians, saturation and gamma as factors.
    public required double LightAngle { get; init; }
    public required double LightGradient { get; init; }
    public required float[] LightField { get; init; }
    public required double Gain { get; init; }
    public required Rgb WhiteBalance { get; init; }
    public required double HueShift { get; init; }
    public required double Saturation { get; init; }
    public required double Gamma { get; init; }

    // Occluders; positions in fractions of the side, in the image frame for the hand and the patch.
    public required bool Glasses { get; init; }
    public required bool Sunglasses { get; init; }
    public required bool Bangs { get; init; }
    public required double BangsDepth { get; init; }
    public required double BangsLeft { get; init; }
    public required double BangsRight { get; init; }
    public required double BangsWavePhase { get; init; }
    public required bool Hand { get; init; }
    public required double HandX { get; init; }
    public required double HandY { get; init; }
    public required double HandSize { get; init; }
    public required double HandAngle { get; init; }
    public required bool Patch { get; init; }
    public required double PatchX { get; init; }
    public required double PatchY { get; init; }
    public required double PatchWidth { get; init; }
    public required double PatchHeight { get; init; }
    public required Rgb PatchColour { get; init; }

    // Camera: blur sigma in fractions of the side, noise on the [0, 1] scale.
    public required double BlurSigma { get; init; }
    public required double NoiseStd { get; init; }
    public required long NoiseSeed { get; init; }

    /// <summary>This image's skin colour.</summary>
    public Rgb Skin(FaceIdentity identity) => identity.Skin(SkinToneShift).Times(SkinGain);

    public static FaceNuisance Sample(SeededRandom random, SynthFaceDifficulty difficulty, FaceIdentity identity)
    {
        var expression = difficulty.ExpressionStrength;
        var colour = difficulty.ColourJitter;
        var light = difficulty.LightingStrength;
        var occlusion = difficulty.OcclusionProbability;
        var blinking = random.Chance(difficulty.BlinkProbability);
        var bangsLeft = random.Uniform(-0.35, 0.1);
        return new FaceNuisance
        {
            Rotation = random.Symmetric(difficulty.MaxRotationDegrees) * Math.PI / 180,
            ShiftX = random.Symmetric(difficulty.MaxShift),
            ShiftY = random.Symmetric(difficulty.MaxShift),
            Scale = 1 + random.Symmetric(difficulty.MaxScaleChange),
            Squash = 1 + random.Symmetric(difficulty.MaxScaleChange),
            Yaw = random.Symmetric(difficulty.MaxYaw),

            Smile = expression * random.Uniform(-0.3, 1),
            MouthOpen = random.Chance(0.4) ? expression * random.NextDouble() : 0,
            BrowRaise = expression * random.NextDouble(),
            EyeOpenness = blinking ? random.Uniform(0.05, 0.3) : 1 - 0.3 * expression * random.NextDouble(),
            GazeX = random.Symmetric(0.35),
            GazeY = random.Symmetric(0.2),

            SkinToneShift = 0.25 * colour * random.Normal(),
            SkinGain = Jitter(random, 0.1 * colour, 0.15 * colour),
            HairGain = Jitter(random, 0.1 * colour, 0.3 * colour),
            Clothes = RandomColour(random),
            Background = RandomColour(random),
            BackgroundCoarse = RandomGrid(random, 3 * CoarseGrid * CoarseGrid, 1),
            BackgroundFine = RandomGrid(random, 3 * FineGrid * FineGrid, 1),
            Clutter = difficulty.BackgroundClutter * random.Uniform(0.4, 1),

            LightAngle = random.Uniform(0, 2 * Math.PI),
            LightGradient = light * random.Uniform(0, 0.9),
            LightField = RandomGrid(random, LightGrid * LightGrid, 0.4 * light),
            Gain = Math.Exp(random.Symmetric(0.45 * light)),
            WhiteBalance = Jitter(random, 0.14 * colour, 0),
            HueShift = random.Symmetric(0.4 * colour),
            Saturation = Math.Exp(random.Symmetric(0.5 * colour)),
            Gamma = Math.Exp(random.Symmetric(0.35 * light)),

            Glasses = identity.WearsGlasses && random.Chance(0.85),
            Sunglasses = random.Chance(0.25 * occlusion),
            Bangs = random.Chance(0.35 * occlusion),
            BangsDepth = random.Uniform(0.25, 0.45),
            BangsLeft = bangsLeft,
            BangsRight = bangsLeft + random.Uniform(0.2, 0.5),
            BangsWavePhase = random.Uniform(0, 2 * Math.PI),
            Hand = random.Chance(0.25 * occlusion),
            HandX = random.Uniform(0.2, 0.8),
            HandY = random.Uniform(0.7, 1.0),
            HandSize = random.Uniform(0.1, 0.16),
            HandAngle = random.Symmetric(0.8),
            Patch = random.Chance(0.3 * occlusion),
            PatchX = random.Uniform(-0.1, 0.9),
            PatchY = random.Uniform(-0.1, 0.9),
            PatchWidth = random.Uniform(0.12, 0.35),
            PatchHeight = random.Uniform(0.12, 0.35),
            PatchColour = RandomColour(random),

            BlurSigma = difficulty.MaxBlur * random.NextDouble(),
            NoiseStd = difficulty.MaxNoise * random.NextDouble(),
            NoiseSeed = random.NextSeed(),
        };
    }

    /// <summary>A per-channel gain around 1: a common brightness factor plus independent channel factors.</summary>
    private static Rgb Jitter(SeededRandom random, double perChannel, double brightness)
    {
        var common = Math.Exp(brightness * random.Normal());
        return new Rgb(
            common * Math.Exp(perChannel * random.Normal()),
            common * Math.Exp(perChannel * random.Normal()),
            common * Math.Exp(perChannel * random.Normal()));
    }

    private static Rgb RandomColour(SeededRandom random) => new(random.NextDouble(), random.NextDouble(), random.NextDouble());

    private static float[] RandomGrid(SeededRandom random, int count, double amplitude)
    {
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.Symmetric(amplitude);
        }
        return values;
    }
}
