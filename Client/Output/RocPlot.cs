using FaceKdGrid.Distillation.Evaluation;
using ScottPlot;

namespace FaceKdGrid.Client.Output;

/// <summary>A verification ROC as a PNG: TAR against FAR (log scale, as face papers plot it), the reported operating point marked.</summary>
public static class RocPlot
{
    public static void Save(VerificationResult result, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        // FAR = 0 has no logarithm: such points sit at the smallest positive FAR of the curve.
        var positive = result.Roc.Where(point => point.FalseAcceptRate > 0).ToList();
        var floor = positive.Count == 0 ? 1e-4 : positive.Min(point => point.FalseAcceptRate);
        var curve = plot.Add.Scatter(
            result.Roc.Select(point => Math.Log10(Math.Max(point.FalseAcceptRate, floor))).ToArray(),
            result.Roc.Select(point => point.TrueAcceptRate).ToArray());
        curve.LegendText = $"accuracy {result.Accuracy:0.0000} ± {result.AccuracyStd:0.0000}";
        curve.MarkerSize = 3;
        var reported = plot.Add.Marker(Math.Log10(result.Far), result.Tar);
        reported.LegendText = $"{result.TarName} = {result.Tar:0.0000}";
        reported.MarkerStyle.Size = 12;
        reported.MarkerStyle.Shape = MarkerShape.OpenCircle;
        plot.Title(title);
        plot.XLabel("false-accept rate (log10)");
        plot.YLabel("true-accept rate");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 560);
    }
}
