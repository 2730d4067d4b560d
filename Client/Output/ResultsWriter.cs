using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Sweeps;
using Spectre.Console;

namespace FaceKdGrid.Client.Output;

/// <summary>Writes results in the chosen format to the console (text formats unstyled, so they can be redirected).</summary>
public static class ResultsWriter
{
    public static void Write(SweepResults results, ResultsFormat format, IAnsiConsole console)
    {
        switch (format)
        {
            case ResultsFormat.Table:
                ResultsTable.Write(results, console);
                break;
            case ResultsFormat.Json:
                console.Profile.Out.Writer.WriteLine(ResultsJson.Serialize(results));
                break;
            case ResultsFormat.Csv:
                ResultsText.WriteCsv(results, console.Profile.Out.Writer);
                break;
            case ResultsFormat.Md:
                ResultsText.WriteMarkdown(results, console.Profile.Out.Writer);
                break;
        }
    }
}
