using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Expands a valid spec into its trials, deterministically: the teacher trial first (when the sweep trains one),
/// then <c>num_samples</c> passes over the grid (the first grid key in <see cref="SearchKeys.All"/> order varies
/// slowest), random domains drawn from a generator seeded by the sweep name. Students get ids t000, t001, ...
/// A random search extended by more samples gets the trials it would have had with them from the start.
/// </summary>
public static class TrialExpansion
{
    public static IReadOnlyList<TrialDefinition> Expand(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trials = new List<TrialDefinition>();
        if (spec.Teacher?.Kind == TeacherKind.Train)
        {
            trials.Add(new TrialDefinition { TrialId = TrialDefinition.TeacherTrialId, Kind = TrialKind.Teacher });
        }
        trials.AddRange(Students(spec, firstSample: 0, IdWidth(CountStudents(spec))));
        return trials;
    }

    /// <summary>Whether the spec draws some key at random (choice, uniform, loguniform, randint): only then do more samples add new trials.</summary>
    public static bool IsRandomSearch(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.SearchSpace?.Parameters.Any(parameter => parameter.Domain.Kind is not (SearchDomainKind.Fixed or SearchDomainKind.Grid)) == true;
    }

    /// <summary>
    /// The student trials <paramref name="samples"/> more samples add to a sweep of <paramref name="spec"/>: exactly those
    /// the spec with num_samples + <paramref name="samples"/> expands to after the spec's own (the same draws), their
    /// ids continuing the sequence.
    /// </summary>
    public static IReadOnlyList<TrialDefinition> Extend(SweepSpec spec, int samples)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        return Students(spec with { NumSamples = spec.NumSamples + samples }, firstSample: spec.NumSamples, IdWidth(CountStudents(spec))).ToList();
    }

    /// <summary>How many student trials the spec expands to, without expanding it.</summary>
    public static long CountStudents(SweepSpec spec)
    {
        var space = spec.SearchSpace ?? new SearchSpaceSpec();
        return space.Parameters
            .Where(parameter => parameter.Domain.Kind == SearchDomainKind.Grid)
            .Aggregate((long)Math.Max(spec.NumSamples, 0), (count, parameter) => count * parameter.Domain.Values.Count);
    }

    /// <summary>
    /// The students of samples [<paramref name="firstSample"/>, num_samples): every earlier sample is drawn too, so the
    /// generator reaches the same state whatever the first sample is.
    /// </summary>
    private static IEnumerable<TrialDefinition> Students(SweepSpec spec, int firstSample, int idWidth)
    {
        var space = spec.SearchSpace ?? throw new ArgumentException("search_space is missing", nameof(spec));
        var gridKeys = SearchKeys.All.Where(key => space.Find(key.Name)?.Kind == SearchDomainKind.Grid).ToList();
        var random = new Random(SamplingSeed(spec.Name));
        var points = GridPoints(gridKeys, space);
        var index = 0;
        for (var sample = 0; sample < spec.NumSamples; sample++)
        {
            foreach (var point in points)
            {
                var values = new Dictionary<string, string>(point);
                foreach (var key in SearchKeys.All)
                {
                    if (space.Find(key.Name) is { } domain && domain.Kind != SearchDomainKind.Grid)
                    {
                        values[key.Name] = Draw(key, domain, random);
                    }
                }
                if (sample >= firstSample)
                {
                    yield return new TrialDefinition
                    {
                        TrialId = "t" + index.ToString(CultureInfo.InvariantCulture).PadLeft(idWidth, '0'),
                        Kind = TrialKind.Student,
                        Parameters = TrialParameters.FromValues(values),
                    };
                }
                index++;
            }
        }
    }

    /// <summary>Student ids are padded to the digits of the sweep's student count, at least three.</summary>
    private static int IdWidth(long studentCount) => Math.Max(3, studentCount.ToString(CultureInfo.InvariantCulture).Length);

    private static List<Dictionary<string, string>> GridPoints(IReadOnlyList<SearchKey> gridKeys, SearchSpaceSpec space)
    {
        var points = new List<Dictionary<string, string>> { new() };
        foreach (var key in gridKeys)
        {
            var values = space.Find(key.Name)!.Values;
            points = points.SelectMany(point => values.Select(value => new Dictionary<string, string>(point) { [key.Name] = value })).ToList();
        }
        return points;
    }

    private static string Draw(SearchKey key, SearchDomain domain, Random random)
    {
        switch (domain.Kind)
        {
            case SearchDomainKind.Fixed:
                return domain.Values[0];
            case SearchDomainKind.Choice:
                return domain.Values[random.Next(domain.Values.Count)];
            case SearchDomainKind.Uniform:
                return FormatReal(domain.Low + random.NextDouble() * (domain.High - domain.Low));
            case SearchDomainKind.LogUniform:
                var logLow = Math.Log(domain.Low);
                return FormatReal(Math.Exp(logLow + random.NextDouble() * (Math.Log(domain.High) - logLow)));
            case SearchDomainKind.RandInt:
                return random.Next((int)domain.Low, (int)domain.High).ToString(CultureInfo.InvariantCulture);
            default:
                throw new ArgumentException($"search_space.{key.Name}: a {domain.Kind} domain is not drawn", nameof(domain));
        }
    }

    // Six significant digits keep drawn values readable in tables without changing what they mean.
    private static string FormatReal(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A seed that depends only on the sweep name, stable across processes and .NET versions.</summary>
    private static int SamplingSeed(string sweepName) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(sweepName)), 0) & int.MaxValue;
}
