using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

/// <summary>
/// How well descriptors keep a few faces known to be one person together, without identity labels for the rest: every
/// pair not known to be one person counts as two people (true for faces in one photo, judged by eye for the others).
/// </summary>
/// <param name="NearestIsSamePerson">Of the faces with a known match, the fraction whose nearest face by cosine is one of its matches.</param>
/// <param name="SameCosine">Mean cosine similarity of same-person pairs.</param>
/// <param name="DifferentCosine">Mean cosine similarity of all other pairs.</param>
/// <param name="SameMatched">Same-person pairs dlib's rule (Euclidean distance below 0.6) calls a match.</param>
/// <param name="DifferentMatched">Other pairs dlib's rule calls a match.</param>
/// <param name="SameCloserThanOther">Of all (same-person pair, other pair) combinations, the fraction where the same-person pair is closer (ROC AUC).</param>
/// <param name="SameDistances">Euclidean distance of each same-person pair, in pair order.</param>
internal sealed record SamePersonMeasures(double NearestIsSamePerson, double SameCosine, double DifferentCosine, int SamePairs, int SameMatched,
    int DifferentPairs, int DifferentMatched, double SameCloserThanOther, IReadOnlyList<double> SameDistances)
{
    /// <summary>dlib's documented threshold for its descriptors.</summary>
    public const double DlibMatchDistance = 0.6;

    public double Margin => SameCosine - DifferentCosine;

    /// <param name="descriptors">Raw descriptors [N, D] (not normalised).</param>
    /// <param name="samePerson">Groups of face indexes known to show one person.</param>
    public static SamePersonMeasures Compute(Tensor descriptors, IReadOnlyList<IReadOnlyList<int>> samePerson)
    {
        using var scope = torch.NewDisposeScope();
        var count = (int)descriptors.shape[0];
        var raw = descriptors.to_type(ScalarType.Float64).cpu();
        var unit = nn.functional.normalize(raw, dim: 1);
        var cosines = unit.matmul(unit.t()).data<double>().ToArray();
        var distances = torch.cdist(raw, raw).data<double>().ToArray();
        var person = Enumerable.Range(0, count).ToArray();
        foreach (var group in samePerson)
        {
            foreach (var face in group)
            {
                person[face] = group[0];
            }
        }
        var withMatch = samePerson.SelectMany(group => group).ToList();
        var nearestHits = withMatch.Count(face => person[Enumerable.Range(0, count).Where(other => other != face).MaxBy(other => cosines[face * count + other])] == person[face]);

        var (same, different) = (new List<int>(), new List<int>());
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                (person[i] == person[j] ? same : different).Add(i * count + j);
            }
        }
        return new SamePersonMeasures(
            (double)nearestHits / withMatch.Count,
            same.Average(pair => cosines[pair]),
            different.Average(pair => cosines[pair]),
            same.Count,
            same.Count(pair => distances[pair] < DlibMatchDistance),
            different.Count,
            different.Count(pair => distances[pair] < DlibMatchDistance),
            same.Average(pair => different.Average(other => distances[pair] < distances[other] ? 1.0 : distances[pair] == distances[other] ? 0.5 : 0)),
            same.Select(pair => distances[pair]).ToArray());
    }
}
