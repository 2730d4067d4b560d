using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FaceKdGrid.Distillation.Data;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// The four SynthFace sets of one experiment, drawn from one population of identities on disjoint identity
/// ranges: a labeled set for training a teacher [0, T), the unlabeled pool [T, T + P), held-out test pairs
/// [T + P, T + P + E) that only report, and validation pairs [T + P + E, T + P + E + V) that early stopping and
/// selection read. Each set has an id derived from everything that shapes it, so stored copies and caches are
/// shared exactly when the data is the same.
/// </summary>
public sealed record SynthFacePlan
{
    private readonly int? validationIdentities;

    public int ImageSize { get; init; } = 32;

    public string Difficulty { get; init; } = "standard";

    public long Seed { get; init; } = 7;

    public int TeacherIdentities { get; init; } = 200;

    public int TeacherImagesPerIdentity { get; init; } = 20;

    public int PoolIdentities { get; init; } = 400;

    public int PoolImages { get; init; } = 4000;

    /// <summary>Zipf exponent of the pool's identity frequencies (0: balanced).</summary>
    public double PoolZipf { get; init; } = 1.0;

    public int EvaluationIdentities { get; init; } = 100;

    /// <summary>Identities of the validation pairs; unless set, as many as the test pairs have.</summary>
    public int ValidationIdentities
    {
        get => validationIdentities ?? EvaluationIdentities;
        init => validationIdentities = value;
    }

    /// <summary>Seeds which pairs the test and validation sets draw and their images' nuisance; the identities come from <see cref="Seed"/>.</summary>
    public long EvaluationSeed { get; init; } = 1007;

    public int PairsPerFold { get; init; } = 50;

    public int Folds { get; init; } = 10;

    /// <summary>The test pairs' identities start after the teacher's and the pool's.</summary>
    public int FirstEvaluationIdentity => TeacherIdentities + PoolIdentities;

    /// <summary>The validation pairs' identities start after the test pairs'.</summary>
    public int FirstValidationIdentity => FirstEvaluationIdentity + EvaluationIdentities;

    public string TeacherSetId => Id("labeled", TeacherIdentities, TeacherImagesPerIdentity);

    public string PoolId => Id("pool", TeacherIdentities, PoolIdentities, PoolImages, PoolZipf);

    public string EvaluationId => Id("pairs", FirstEvaluationIdentity, EvaluationIdentities, PairsPerFold, Folds, EvaluationSeed);

    public string ValidationId => Id("validation-pairs", FirstValidationIdentity, ValidationIdentities, PairsPerFold, Folds, EvaluationSeed);

    public FaceSet RenderTeacherSet(Device? device = null) =>
        Generator(device).RenderLabeled(0, TeacherIdentities, TeacherImagesPerIdentity);

    public FaceSet RenderPool(Device? device = null) =>
        Generator(device).RenderUnlabeledPool(TeacherIdentities, PoolIdentities, PoolImages, PoolZipf);

    /// <summary>The pool with its identity labels: the same images and the same <see cref="PoolId"/>, for the supervised baseline.</summary>
    public FaceSet RenderLabeledPool(Device? device = null) =>
        Generator(device).RenderLabeledPool(TeacherIdentities, PoolIdentities, PoolImages, PoolZipf);

    /// <summary>The test pairs: reported, never used to choose.</summary>
    public VerificationSet RenderEvaluation(Device? device = null) =>
        Generator(device).RenderVerification(FirstEvaluationIdentity, EvaluationIdentities, PairsPerFold, Folds, EvaluationSeed);

    /// <summary>The validation pairs: what early stopping and selection read.</summary>
    public VerificationSet RenderValidation(Device? device = null) =>
        Generator(device).RenderVerification(FirstValidationIdentity, ValidationIdentities, PairsPerFold, Folds, EvaluationSeed);

    private SynthFaceGenerator Generator(Device? device) =>
        new(new SynthFaceOptions(ImageSize, SynthFaceDifficulty.Parse(Difficulty), Seed), device);

    private string Id(string kind, params object[] shape)
    {
        var text = string.Join('|', new object[] { kind, ImageSize, Difficulty, Seed }.Concat(shape).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        return $"synth-{kind}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]}";
    }
}
